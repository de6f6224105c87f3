import type { FieldError } from '@minsheng/contracts';
import { ApiError } from '../api/http.js';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * POST a multipart form with upload progress (fetch cannot report it; XMLHttpRequest can).
 * Resolves with the JSON answer; rejects with an ApiError for a refusal.
 */
export function postMultipart<T>(
  url: string,
  form: FormData,
  onProgress: (progress: UploadProgress) => void,
  headers: Record<string, string> = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请稍后重试'));
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else
        reject(
          new ApiError(
            xhr.status,
            body?.code ?? `HTTP_${xhr.status}`,
            body?.message ?? xhr.statusText,
            body?.fields ?? [],
          ),
        );
    };
    xhr.send(form);
  });
}

function parseJson(
  text: string,
): { code?: string; message?: string; fields?: FieldError[] } | null {
  try {
    return JSON.parse(text) as { code?: string; message?: string; fields?: FieldError[] };
  } catch {
    return null;
  }
}
