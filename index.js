// n8n loads this package through the `n8n` section of package.json (dist/**/*.node.js and
// dist/**/*.credentials.js), never through an entry point. This file only makes `require('.')`
// from the repository resolve harmlessly; it does no work. It is not published: package.json
// has no `main`, so `npm pack` ships dist/ with package.json, README and LICENSE only.
module.exports = {};
