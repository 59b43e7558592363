/**
 * Synchronized classroom (同步课堂): a master teacher teaches live and remote classrooms at member schools follow.
 *
 * <p>This package holds the scheduling side: {@link cn.tongbei.classroom.ClassroomModule} plugs the feature in,
 * {@link cn.tongbei.classroom.ClassSessionRoutes} is the REST API (schedule, courseware upload and page images,
 * event log, summary and CSV, review notes, join codes), {@link cn.tongbei.classroom.ClassSessions} the service
 * behind it, {@link cn.tongbei.classroom.Courseware} renders PDFs to page images and
 * {@link cn.tongbei.classroom.Summary} replays a log into the after-session report. The live part is in
 * {@code cn.tongbei.classroom.sync}. Design: docs/classroom.md; protocol: docs/protocols/classroom.md.
 */
package cn.tongbei.classroom;
