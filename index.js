// n8n loads this package through the `n8n` section of package.json (dist/**/*.node.js and
// dist/**/*.credentials.js), not through this entry point. It exists so that `require` of the
// package name succeeds harmlessly and does no work.
module.exports = {};
