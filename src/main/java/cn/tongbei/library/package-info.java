/**
 * The shared courseware library (优质课程资源库): teachers upload lesson plans, courseware, exercises and
 * micro-lecture videos, which stream to S3 ({@link cn.tongbei.library.UploadHandler}), are stored once per
 * content hash, have their text extracted by Tika in a bounded worker ({@link cn.tongbei.library.Extraction}),
 * and are indexed for Chinese search ({@link cn.tongbei.library.search}).
 *
 * <p>Who may see a resource is decided by {@link cn.tongbei.access.AccessPolicy#viewResource} for single
 * resources and by the equivalent Lucene filter inside every search query, so counts, pages and suggestions
 * never reveal what the user may not see. Blocking work (MinIO, Tika, Lucene writes, PDF rendering) runs on
 * worker pools, never on an event loop.
 */
package cn.tongbei.library;
