import guidesFile from '../../../assets/content/guides.json';
import needsFile from '../../../assets/content/needs.json';
import { GuidesFileSchema, NeedsFileSchema, type Bilingual, type Guide, type Need } from '../../../src/domain/visitorContent.js';
import type { Language } from '../i18n/i18n.js';

/**
 * The journey's content, shipped in `assets/content/` (checked against its schema when the kiosk is
 * built). Parsed once here too, so the screens get typed values and a bad file cannot half-render.
 */
export const NEEDS: readonly Need[] = NeedsFileSchema.parse(needsFile).needs;
const GUIDES: readonly Guide[] = GuidesFileSchema.parse(guidesFile).guides;

export function guideById(id: string): Guide | undefined {
  return GUIDES.find((guide) => guide.id === id);
}

export function needById(id: string): Need | undefined {
  return NEEDS.find((need) => need.id === id);
}

/** A bilingual content text in the visitor's language. */
export function say(text: Bilingual, language: Language): string {
  return text[language];
}
