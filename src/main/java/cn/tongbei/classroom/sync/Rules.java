package cn.tongbei.classroom.sync;

import cn.tongbei.access.AccessPolicy.ClassSeat;
import java.util.Set;

/**
 * Decides, before a command is sequenced, whether this seat may send it now. Role first (a classroom cannot
 * turn pages, an observer sends nothing), then the session's state (no answer without an open quiz, no chat
 * while muted, nothing after the end). Pure.
 */
public final class Rules {

    /** The sender: their seat and, for a classroom seat, which classroom. */
    public record Sender(long userId, ClassSeat seat, Long classroom) {}

    /** What the session allows: the invited classrooms and how many pages there are. */
    public record Session(Set<Long> classrooms, int pageLimit) {}

    private Rules() {}

    /** Throws a {@link ProtocolException} unless {@code sender} may send {@code p} in state {@code s}. */
    public static void check(Session session, ClassroomState s, Sender sender, Payload p) {
        if (s.ended()) {
            throw new ProtocolException("session_ended", "the session has ended");
        }
        switch (sender.seat()) {
            case OBSERVER -> throw new ProtocolException("read_only", "observers watch; notes go through the API");
            case MASTER -> master(session, s, p);
            case CLASSROOM -> classroom(s, sender, p);
            case STUDENT -> student(s, sender, p);
        }
    }

    private static void master(Session session, ClassroomState s, Payload p) {
        switch (p) {
            case Payload.Page x -> page(session, x.page());
            case Payload.Stroke x -> page(session, x.page());
            case Payload.Clear x -> page(session, x.page());
            case Payload.QuizLaunch q -> launch(s, q);
            case Payload.QuizReveal r -> reveal(s, r);
            case Payload.HandLower h -> invited(session, h.classroom(), false);
            case Payload.HandGrant g -> invited(session, g.classroom(), true);
            case Payload.Chat c -> {
            }
            case Payload.Mute m -> {
            }
            case Payload.Timer t -> {
            }
            case Payload.Browse b -> {
            }
            case Payload.PullBack pb -> {
            }
            case Payload.End e -> {
            }
            case Payload.QuizAnswer a -> refuse("only classrooms answer quizzes");
            case Payload.QuizVote v -> refuse("only student devices vote");
            case Payload.HandRaise h -> refuse("only classrooms raise hands");
            case Payload.Attendance a -> refuse("only classrooms report attendance");
            case Payload.Presence x -> refuse("presence is reported by the server");
            case Payload.PresenceBatch x -> refuse("presence is reported by the server");
        }
    }

    private static void classroom(ClassroomState s, Sender sender, Payload p) {
        switch (p) {
            case Payload.QuizAnswer a -> answer(s, a);
            case Payload.HandRaise h -> {
            }
            case Payload.HandLower h -> {
                if (h.classroom() != 0 && h.classroom() != sender.classroom()) {
                    refuse("a classroom lowers only its own hand");
                }
            }
            case Payload.Chat c -> {
                if (s.chatMuted()) {
                    throw new ProtocolException("chat_muted", "the master muted chat");
                }
            }
            case Payload.Attendance a -> {
            }
            default -> refuse("this is the master's action");
        }
    }

    /** A student device may only vote on the open quiz, for its own seat (set by the server). */
    private static void student(ClassroomState s, Sender sender, Payload p) {
        if (!(p instanceof Payload.QuizVote v)) {
            throw new ProtocolException("forbidden", "a student device may only answer the open quiz");
        }
        ClassroomState.Quiz open = s.openQuiz();
        if (open == null || !open.spec().id().equals(v.quizId())) {
            throw new ProtocolException("quiz_not_open", "that quiz is not open");
        }
        if (v.seat() < 1) {
            refuse("the seat comes from the hello");
        }
        if (v.choice().stream().anyMatch(i -> i >= open.spec().options()) || v.choice().stream().distinct()
                .count() != v.choice().size()) {
            throw new ProtocolException("malformed", "choice holds distinct option indices below " + open.spec()
                    .options());
        }
        if (!open.spec().kind().equals("multiple") && v.choice().size() != 1) {
            throw new ProtocolException("malformed", "choose exactly one option");
        }
    }

    private static void page(Session session, int page) {
        if (page >= session.pageLimit()) {
            throw new ProtocolException("no_such_page", "the courseware has " + session.pageLimit() + " pages");
        }
    }

    private static void invited(Session session, long classroom, boolean zeroAllowed) {
        if (!(zeroAllowed && classroom == 0) && !session.classrooms().contains(classroom)) {
            throw new ProtocolException("no_such_classroom", "that classroom is not invited");
        }
    }

    private static void launch(ClassroomState s, Payload.QuizLaunch q) {
        if (s.openQuiz() != null) {
            throw new ProtocolException("quiz_open", "reveal the open quiz first");
        }
        if (s.quizzes().stream().anyMatch(x -> x.spec().id().equals(q.id()))) {
            throw new ProtocolException("quiz_exists", "a quiz with this id was already launched");
        }
    }

    private static void reveal(ClassroomState s, Payload.QuizReveal r) {
        ClassroomState.Quiz open = s.openQuiz();
        if (open == null || !open.spec().id().equals(r.quizId())) {
            throw new ProtocolException("quiz_not_open", "that quiz is not open");
        }
    }

    private static void answer(ClassroomState s, Payload.QuizAnswer a) {
        ClassroomState.Quiz open = s.openQuiz();
        if (open == null || !open.spec().id().equals(a.quizId())) {
            throw new ProtocolException("quiz_not_open", "that quiz is not open");
        }
        if (a.counts().size() != open.spec().options()) {
            throw new ProtocolException("malformed", "counts has one number per option (" + open.spec().options()
                    + ")");
        }
    }

    private static void refuse(String detail) {
        throw new ProtocolException("forbidden", detail);
    }
}
