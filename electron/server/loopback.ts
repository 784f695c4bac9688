/** Loopback addresses: the only ones browser mode may serve on without TLS. */
export const isLoopback = (host: string) => /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === 'localhost';
