import type { Warning } from '../types/chat-model.js';
import type { ImagePart } from '../types/messages.js';

export type AnthropicImageSource =
  | { type: 'url'; url: string }
  | { type: 'base64'; media_type: string; data: string };

export interface AnthropicImageBlock {
  type: 'image';
  source: AnthropicImageSource;
}

/** The media type and payload of a base64 `data:` URL; `undefined` for other encodings. */
function parseBase64DataUrl(url: string): { mediaType: string; data: string } | undefined {
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const [mediaType = '', ...params] = url.slice('data:'.length, comma).split(';');
  if (!params.some((param) => param.trim().toLowerCase() === 'base64')) return undefined;
  return { mediaType: mediaType.trim(), data: url.slice(comma + 1) };
}

/**
 * An image part -> an Anthropic image block. Anthropic fetches `https:` URLs itself but does
 * not accept `data:` URLs, so those become base64 sources. An image Anthropic cannot take
 * is left out with a warning (`undefined`).
 */
export function toAnthropicImage(
  part: ImagePart,
  warnings: Warning[],
): AnthropicImageBlock | undefined {
  if ('base64' in part) {
    return {
      type: 'image',
      source: { type: 'base64', media_type: part.mediaType, data: part.base64 },
    };
  }
  if (!/^data:/i.test(part.url)) return { type: 'image', source: { type: 'url', url: part.url } };
  const inline = parseBase64DataUrl(part.url);
  const mediaType = inline?.mediaType || part.mediaType;
  if (!inline || !mediaType) {
    warnings.push({
      type: 'unsupported-content',
      message: inline
        ? 'An image data: URL without a media type was left out: Anthropic needs one (set `mediaType`).'
        : 'An image data: URL that is not base64-encoded was left out: Anthropic accepts only base64 image data.',
    });
    return undefined;
  }
  return { type: 'image', source: { type: 'base64', media_type: mediaType, data: inline.data } };
}
