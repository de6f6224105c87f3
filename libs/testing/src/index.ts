export { backingServices } from './backing-services.js';
export { testNamespace, uniqueSuffix } from './unique-names.js';
export { TestSchema } from './test-database.js';
export { TestKeys, TEST_ISSUER, TEST_AUDIENCE } from './test-keys.js';
export { makeMobileNumber, makeResidentIdNumber } from './resident-ids.js';
export { ServiceProcess, freePort } from './service-process.js';
export { waitFor } from './wait-for.js';
export { TlsNatsServer, makeTestCertificates, type TlsFiles } from './tls-nats-server.js';
export { ensureDebianPackages } from './debian-packages.js';
