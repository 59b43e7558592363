/**
 * Chinese full-text search over the library with Lucene 10.
 *
 * <p>Each resource is one document ({@link cn.tongbei.library.search.IndexSchema}) with: word-level fields
 * (SmartChinese: 二次函数 stays one term) for precise whole-word matches; CJK bigram fields, which find partial
 * words (教研 in 教研组, 二次函 in 二次函数) and single-character titles (《雪》) as phrases of bigrams; pinyin
 * syllable and initial fields for titles and key metadata (ercihanshu, echs, and homophone typos such as
 * 二次涵数, whose pinyin equals the title's); facet fields; visibility fields; and, once the embedding worker has
 * run, a 512-dimension bge-small-zh vector for semantic matching.
 *
 * <p>{@link cn.tongbei.library.search.LibraryQueries} turns what a teacher types into one Lucene query:
 * every whitespace-separated part must match somewhere (title, metadata, content or pinyin), each part
 * expanded with the administrator-extendable synonym list ({@link cn.tongbei.library.search.Synonyms}).
 * {@link cn.tongbei.library.search.Visibility} adds the access rule of
 * {@link cn.tongbei.access.AccessPolicy#viewResource} as a filter clause inside the same query, so totals,
 * facet counts, pages, suggestions and related resources never include what the user may not see.
 */
package cn.tongbei.library.search;
