export { AuthModule } from './auth.module.js';
export { AuthGuard } from './auth.guard.js';
export { Public, Roles, CurrentPrincipal, IS_PUBLIC, REQUIRED_ROLES } from './decorators.js';
export { TokenVerifier, InvalidTokenError, type TokenVerifierOptions } from './token-verifier.js';
export { signAccessToken, type TokenClaims } from './token-issuer.js';
export { coversDivision, hasAnyRole, type Principal } from './principal.js';
export { inventoryHandlers, type HandlerAccess } from './handler-inventory.js';
export { AccessAuditor, type AccessDenial } from './access-auditor.js';
