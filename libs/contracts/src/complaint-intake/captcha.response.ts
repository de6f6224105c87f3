import { z } from 'zod';

/** `GET /api/v1/captcha`: an image (an SVG data URL) and the id to answer it with, once. */
export const captchaResponseSchema = z.object({
  captchaId: z.uuid(),
  image: z.string(),
  expiresInSeconds: z.number().int(),
});
export type CaptchaResponse = z.output<typeof captchaResponseSchema>;
