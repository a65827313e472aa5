/*
** Renderings of reports (src/format/report_*.c): the monthly bulletin as
** one self-contained HTML page that prints on A4 (its charts inline SVG
** written here), as tables for a workbook, and as plain text. The PDF is
** the HTML printed by headless Chromium (src/app/reports.c,
** docs/architecture.md, "Reports").
*/
#ifndef ECHELON_REPORT_H
#define ECHELON_REPORT_H

#include <stddef.h>
#include "echelon.h"
#include "output.h"
#include "problem.h"

struct ec_bulletin;

enum ec_report_format { EC_REPORT_HTML, EC_REPORT_XLSX, EC_REPORT_PDF, EC_REPORT_TEXT };

/* "html", "xlsx", "pdf", "text" -> the format; -1 when unknown. */
int ec_report_format_parse(const char *s);
/* The media type and the file extension of a format. Never NULL. */
const char *ec_report_media_type(enum ec_report_format f);
const char *ec_report_extension(enum ec_report_format f);

/* Appends the bulletin as an HTML document (UTF-8) to out: title, the
** sentences (ec_bulletin_text), a line chart of the cumulative growth of
** SEI and all industry over the months of the year, a bar chart of the
** areas' growth, the national bulletin's map of the provinces' growth
** (ec_report_map_china), the tables of ec_bulletin_tables and notes on method and
** disclosure control; an A4 page (@page) and CJK fonts by family name.
** A figure not published is "…". Returns 0, or EC_ELIMIT (out unchanged
** up to its limit) when out's limit is passed. */
int ec_bulletin_html(const struct ec_bulletin *b, enum ec_lang lang, struct ec_buf *out);

/* The bulletin's tables, each initialised here (release them with
** ec_table_release): [0] the totals (SEI and all industry), [1] the areas,
** [2] the regions (empty in a prefecture's bulletin), [3] the months; column keys of columns.c (as downloads name and round
** them), hidden figures empty with the reason in "suppression". sheets[i]
** gets each table's sheet name in lang. Can't fail. */
#define EC_BULLETIN_NTABLES 4
void ec_bulletin_tables(const struct ec_bulletin *b, enum ec_lang lang, struct ec_table t[EC_BULLETIN_NTABLES],
			const char *sheets[EC_BULLETIN_NTABLES] /* OUT */);

/* Appends a choropleth map of China by province as inline SVG to out (id
** the element's id, title its accessible name): each province of
** data/geo/china_provinces.csv (embedded at build time) one path with
** data-code, filled by the class of its figure: value[i] of code[i] (n
** of them, 6-digit codes), published where shown[i]; classes of equal
** width (a step of 1, 2 or 5 times a power of ten, zero an edge), reds
** above zero, blues below, drawn in a legend with "no figure" (a region
** whose figure is not published or undefined) and "not covered" (a
** region without a figure given); the South China Sea islands inset in
** ink, framed. The classes of the rounded figures: docs/methods.md,
** "The monthly bulletin". Can't fail (out has no limit). */
void ec_report_map_china(struct ec_buf *out, const char *id, const char *title, const char *const *code,
			 const double *value, const int *shown, size_t n, enum ec_lang lang);

/* The page of another report (the cluster profile, the allocation) in the
** bulletin's A4 style, written in order: begin (the title, a line under
** it), headings, prose (paragraphs separated by a blank line), tables
** (each cell as a download shows it, ec_export_cell; an empty figure is
** "…" in a row whose "suppression" column gives a reason, else "—"), and
** end (notes, paragraphs as prose). Can't fail (out has no limit). */
void ec_report_page_begin(struct ec_buf *out, enum ec_lang lang, const char *title, const char *subtitle);
void ec_report_page_heading(struct ec_buf *out, const char *text);
void ec_report_page_prose(struct ec_buf *out, const char *text);
void ec_report_page_table(struct ec_buf *out, const char *id, const struct ec_table *t, enum ec_lang lang);
void ec_report_page_end(struct ec_buf *out, const char *notes);

#endif
