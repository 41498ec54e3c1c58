/**
 * Graph API version that new credentials start with. Meta keeps each version for about two
 * years; users can pin another one per credential (n8n's built-in node hard-codes v13.0, which
 * is what its users complain about).
 */
export const GRAPH_API_VERSION_DEFAULT = 'v26.0';
