import type { VisitorContent } from '../../../src/contract/central.js';
import type { Bilingual, Guide, Need } from '../../../src/domain/visitorContent.js';
import type { Language } from '../i18n/i18n.js';

/**
 * The journey's content comes from the host (`content.get`, see useVisitorContent): central's copy
 * when the kiosk has a good one, else the files shipped in `assets/content/`. The host has checked
 * it against its schemas, and the client again on arrival, so these look-ups trust its shape.
 */
export function guideById(content: VisitorContent | undefined, id: string): Guide | undefined {
  return content?.guides.guides.find((guide) => guide.id === id);
}

export function needById(content: VisitorContent | undefined, id: string): Need | undefined {
  return content?.needs.needs.find((need) => need.id === id);
}

/** A bilingual content text in the visitor's language. */
export function say(text: Bilingual, language: Language): string {
  return text[language];
}
