/** Text as HTML that shows it literally, in an attribute value or between tags: for emails and pages written by hand. */
export function escapeHtml(value: string): string {
  return escapeHtmlText(value).replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Text as HTML between tags only (quotes stay as they are, so "They're" still reads so as plain text). */
export function escapeHtmlText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
