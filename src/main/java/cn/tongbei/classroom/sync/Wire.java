package cn.tongbei.classroom.sync;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses client messages strictly: JSON object, known type, right session, every field typed and bounded.
 * Anything else is a {@link ProtocolException} with a stable code. Pure; no Vert.x state.
 */
public final class Wire {
    /** Page coordinates are integers in 0..{@value}. */
    public static final int UNIT = 10_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Set<String> TOOLS = Set.of("pen", "highlighter", "eraser");
    private static final Set<String> QUIZ_KINDS = Set.of("single", "multiple", "truefalse");
    private static final Set<String> SIGNAL_KINDS = Set.of("offer", "answer", "ice", "bye");
    private static final int MAX_POINTS = 2_000;
    private static final int MAX_PAGES = 1_000;

    private Wire() {}

    /** Student devices identify by a seat number 1..MAX_SEAT within their classroom. */
    public static final int MAX_SEAT = 999;

    /** Parses one text message for a socket bound to {@code session} (0 before hello). */
    public static ClientMessage parse(String text, long session) {
        JsonObject m = object(text);
        String type = m.getValue("type") instanceof String s ? s : null;
        if (type == null) {
            throw new ProtocolException("malformed", "missing type");
        }
        if (!type.equals("hello") && session != 0 && m.containsKey("session")
                && !(m.getValue("session") instanceof Number n && n.longValue() == session)) {
            throw new ProtocolException("wrong_session", "this socket is joined to session " + session);
        }
        return switch (type) {
            case "hello" -> "student".equals(m.getValue("role"))
                    ? new ClientMessage.StudentHello(string(m, "joinCode", 6, 6), integer(m, "seat", 1, MAX_SEAT),
                            nonNegative(m, "lastSeq"))
                    : new ClientMessage.Hello(positive(m, "session"), string(m, "token", 1, 4096),
                            oneOf(m, "role", Set.of("master", "classroom", "observer")),
                            m.containsKey("classroom") ? positive(m, "classroom") : null, nonNegative(m, "lastSeq"));
            case "pointer" -> new ClientMessage.Pointer(integer(m, "page", -1, MAX_PAGES), coord(m, "x"),
                    coord(m, "y"));
            case "view" -> new ClientMessage.View(integer(m, "page", 0, MAX_PAGES), bool(m, "following"));
            case "ping" -> new ClientMessage.Ping(m.getValue("t") instanceof Number n ? n.longValue() : 0);
            case "signal" -> new ClientMessage.Signal(positive(m, "to"), oneOf(m, "kind", SIGNAL_KINDS),
                    m.getValue("data") instanceof JsonObject d ? d : new JsonObject());
            default -> new ClientMessage.Reliable(cmdId(m), payload(type, m));
        };
    }

    private static Payload payload(String type, JsonObject m) {
        return switch (type) {
            case "page" -> new Payload.Page(integer(m, "page", 0, MAX_PAGES));
            case "stroke" -> stroke(m);
            case "clear" -> new Payload.Clear(integer(m, "page", 0, MAX_PAGES));
            case "quiz.launch" -> quiz(m);
            case "quiz.answer" -> new Payload.QuizAnswer(id(m, "quizId"), ints(m, "counts", 2, 10, 0, 10_000));
            case "quiz.reveal" -> new Payload.QuizReveal(id(m, "quizId"));
            case "quiz.vote" -> new Payload.QuizVote(id(m, "quizId"), m.containsKey("seat")
                    ? integer(m, "seat", 0, MAX_SEAT)
                    : 0, ints(m, "choice", 1, 10, 0, 9));
            case "hand.raise" -> new Payload.HandRaise();
            case "hand.lower" -> new Payload.HandLower(m.containsKey("classroom") ? nonNegative(m, "classroom") : 0);
            case "hand.grant" -> new Payload.HandGrant(nonNegative(m, "classroom"));
            case "chat" -> new Payload.Chat(string(m, "text", 1, 500));
            case "mute" -> new Payload.Mute(bool(m, "muted"));
            case "attendance" -> new Payload.Attendance(integer(m, "present", 0, 1_000));
            case "timer" -> new Payload.Timer(integer(m, "seconds", 0, 3 * 3600));
            case "browse" -> new Payload.Browse(bool(m, "free"));
            case "pullback" -> new Payload.PullBack();
            case "end" -> new Payload.End();
            default -> throw new ProtocolException("unknown_type", "unknown message type");
        };
    }

    private static Payload.Stroke stroke(JsonObject m) {
        List<Integer> points = ints(m, "points", 2, MAX_POINTS * 2, 0, UNIT);
        if (points.size() % 2 != 0) {
            throw new ProtocolException("malformed", "points are x,y pairs");
        }
        String color = m.getValue("color") instanceof String c && COLOR.matcher(c).matches() ? c.toLowerCase() : null;
        if (color == null) {
            throw new ProtocolException("malformed", "color must look like #rrggbb");
        }
        return new Payload.Stroke(id(m, "id"), integer(m, "page", 0, MAX_PAGES), oneOf(m, "tool", TOOLS), color,
                integer(m, "width", 1, 200), points);
    }

    private static Payload.QuizLaunch quiz(JsonObject m) {
        String kind = oneOf(m, "kind", QUIZ_KINDS);
        int options = kind.equals("truefalse") ? 2 : integer(m, "options", 2, 10);
        List<Integer> correct = m.containsKey("correct") ? ints(m, "correct", 0, options, 0, options - 1) : List.of();
        if (!kind.equals("multiple") && correct.size() > 1) {
            throw new ProtocolException("malformed", "a single-choice quiz has one correct answer");
        }
        if (correct.stream().distinct().count() != correct.size()) {
            throw new ProtocolException("malformed", "correct answers repeat");
        }
        String question = m.containsKey("question") ? string(m, "question", 0, 500) : "";
        return new Payload.QuizLaunch(id(m, "id"), kind, question, options, correct.stream().sorted().toList());
    }

    private static JsonObject object(String text) {
        try {
            Object value = io.vertx.core.json.Json.decodeValue(text);
            if (value instanceof JsonObject o) {
                return o;
            }
        } catch (DecodeException | IllegalStateException e) {
            throw new ProtocolException("malformed", "not valid JSON");
        }
        throw new ProtocolException("malformed", "a message is a JSON object");
    }

    private static String cmdId(JsonObject m) {
        return id(m, "cmdId");
    }

    private static String id(JsonObject m, String field) {
        if (m.getValue(field) instanceof String s && ID.matcher(s).matches()) {
            return s;
        }
        throw new ProtocolException("malformed", field + " must be 1-64 letters, digits or _.:-");
    }

    private static String string(JsonObject m, String field, int min, int max) {
        if (m.getValue(field) instanceof String s) {
            String v = s.strip();
            int n = v.codePointCount(0, v.length());
            if (n >= min && n <= max && v.chars().noneMatch(c -> Character.isISOControl(c) && c != '\n')) {
                return v;
            }
        }
        throw new ProtocolException("malformed", field + " must be text of " + min + "-" + max + " characters");
    }

    private static String oneOf(JsonObject m, String field, Set<String> allowed) {
        if (m.getValue(field) instanceof String s && allowed.contains(s)) {
            return s;
        }
        throw new ProtocolException("malformed", field + " must be one of " + allowed);
    }

    private static boolean bool(JsonObject m, String field) {
        if (m.getValue(field) instanceof Boolean b) {
            return b;
        }
        throw new ProtocolException("malformed", field + " must be true or false");
    }

    private static int coord(JsonObject m, String field) {
        return integer(m, field, 0, UNIT);
    }

    private static int integer(JsonObject m, String field, int min, int max) {
        Object v = m.getValue(field);
        if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() >= min
                && ((Number) v).longValue() <= max) {
            return ((Number) v).intValue();
        }
        throw new ProtocolException("malformed", field + " must be an integer in " + min + ".." + max);
    }

    private static long positive(JsonObject m, String field) {
        Object v = m.getValue(field);
        if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() > 0) {
            return ((Number) v).longValue();
        }
        throw new ProtocolException("malformed", field + " must be a positive integer");
    }

    private static long nonNegative(JsonObject m, String field) {
        Object v = m.getValue(field);
        if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() >= 0) {
            return ((Number) v).longValue();
        }
        throw new ProtocolException("malformed", field + " must be an integer ≥ 0");
    }

    private static List<Integer> ints(JsonObject m, String field, int minSize, int maxSize, int min, int max) {
        if (!(m.getValue(field) instanceof JsonArray a) || a.size() < minSize || a.size() > maxSize) {
            throw new ProtocolException("malformed", field + " must be a list of " + minSize + "-" + maxSize
                    + " integers");
        }
        List<Integer> out = new ArrayList<>(a.size());
        for (Object o : a) {
            if (!(o instanceof Integer || o instanceof Long) || ((Number) o).longValue() < min
                    || ((Number) o).longValue() > max) {
                throw new ProtocolException("malformed", field + " holds integers in " + min + ".." + max);
            }
            out.add(((Number) o).intValue());
        }
        return List.copyOf(out);
    }

    /** Reads a stored payload back (from the log); the stored form is always valid. */
    public static Payload stored(String type, JsonObject body) {
        if (type.equals("presence")) {
            return new Payload.Presence(body.getLong("classroom"), body.getInteger("delta"));
        }
        if (type.equals("presence.batch")) {
            List<Payload.RoomPresence> rooms = new ArrayList<>();
            for (Object o : body.getJsonArray("rooms")) {
                JsonObject r = (JsonObject) o;
                rooms.add(new Payload.RoomPresence(r.getLong("classroom"), r.getInteger("joined"), r.getInteger(
                        "left")));
            }
            return new Payload.PresenceBatch(List.copyOf(rooms));
        }
        return payload(type, body);
    }
}
