// Package docxdoc reads Word documents (.docx, Office Open XML) into
// corpus documents: the board papers and minutes trusts publish.
//
// The reader streams word/document.xml through encoding/xml without building
// a tree. It keeps paragraphs (runs, tabs, line breaks, symbols, non-breaking
// hyphens, smart quotes as written) and tables (one preformatted line per row,
// "cell | cell", nested tables flattened into their cell) in document order;
// text boxes once (not their VML fallback); inserted but not deleted text of
// tracked changes; footnotes at the end as "[n] text". Paragraph styles that
// are headings or the title become sections. Style ids are localised
// ("berschrift1"), so they are resolved through the names, outline levels and
// basedOn chains of word/styles.xml.
//
// Metadata comes from docProps/core.xml: dc:title (else the first Title or
// level-1 heading, else the first short line), dc:creator (placeholders such
// as "Microsoft Office User" dropped), dcterms:created or else
// dcterms:modified as a weak published date (corpus.DateFromFileMetadata),
// and dc:language or the default language of styles.xml.
//
// Limits: no more than 10,000 zip entries; an entry declaring more than
// 200:1 expansion to over 10 MB is a zip bomb and rejected before it is
// read; the bytes actually inflated, whatever the headers say, are counted
// against Limits.MaxExpandedBytes; text stops at Limits.MaxTextBytes with a
// warning. Rejections: not a zip or truncated (format.ErrCorrupt), a zip
// without a Word body (format.ErrNotFormat), a password-protected document
// (format.ErrEncrypted), a binary .doc (format.ErrNotFormat), a bomb
// (format.ErrTooLarge).
package docxdoc
