/** The newsroom web interface (`/newsroom`) and its static files. */
export { newsroomPlugin, type NewsroomDeps } from './plugin.js';
export { newsroomAssets } from './assets.js';
