/** The media library: uploads checked by content, re-encoded renditions, and body images. */
export { sniffImage, FORMAT_INFO, type ImageFormat, type Sniffed } from './sniff.js';
export { ImageRejected, MEDIA_LIMITS, processImage, renditionName, widthsFor, type Processed, type Rendition } from './process.js';
export {
  ALT_MAX,
  BODY_SIZES,
  canEditMedia,
  findMedia,
  imagesWithoutAlt,
  listMedia,
  mediaFilesIn,
  mediaUrl,
  prepareBodyImages,
  setMediaAlt,
  uploadImage,
  type MediaDeps,
  type MediaItem,
} from './library.js';
