// Copies the static files that tsc does not emit (icons, codex JSON, simulator assets) from the
// source folders into dist, keeping their relative paths, so n8n finds `file:icon.svg` next to
// the compiled node.
const { src, dest, parallel } = require('gulp');

const STATIC = ['**/*.svg', '**/*.png', '**/*.node.json', '**/*.html', '**/*.css'];

function copyStatic(folder) {
	const task = () =>
		src(STATIC.map((pattern) => `${folder}/${pattern}`), { encoding: false }).pipe(dest(`dist/${folder}`));
	task.displayName = `copy static files of ${folder}`;
	return task;
}

exports['build:icons'] = parallel(copyStatic('nodes'), copyStatic('credentials'));
exports.default = exports['build:icons'];
