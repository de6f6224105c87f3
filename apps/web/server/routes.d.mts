export interface ApiRoute {
  prefix: string;
  upstream: string;
  rewritePrefix: string;
}
export declare const API_SERVICES: { name: string; portVariable: string; port: number }[];
export declare function apiRoutes(env?: Record<string, string | undefined>): ApiRoute[];
