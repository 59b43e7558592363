/**
 * The live session over websockets: one {@link cn.tongbei.classroom.sync.SessionHub} per session is its single
 * writer (sequence numbers, persistence in order, broadcast after commit, duplicate commands acknowledged
 * again); {@link cn.tongbei.classroom.sync.ClassroomSocket} authenticates and polices one socket;
 * {@link cn.tongbei.classroom.sync.Wire} parses, {@link cn.tongbei.classroom.sync.Rules} authorizes and
 * {@link cn.tongbei.classroom.sync.ClassroomState} reduces, purely, so that replaying the log gives the live
 * state. Start with docs/protocols/classroom.md.
 */
package cn.tongbei.classroom.sync;
