/**
 * Authorization: who may do what to which group, school and team. {@link cn.tongbei.access.AccessPolicy} is
 * the only place such rules are written; routes, search and websockets ask it with the request's
 * {@link cn.tongbei.access.Principal}.
 */
package cn.tongbei.access;
