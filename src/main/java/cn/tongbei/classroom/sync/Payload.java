package cn.tongbei.classroom.sync;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reliable event says. Every reliable message a client sends is one of these; the server checks it,
 * gives it a sequence number and it becomes an {@link Event}. Server-made payloads ({@link Presence}) are never
 * accepted from clients.
 */
public sealed interface Payload {

    /** The wire name of the payload ({@code type} in the envelope). */
    String type();

    /** The payload's own fields, without the envelope. */
    JsonObject json();

    /** The master turns to a page (0-based). */
    record Page(int page) implements Payload {
        public String type() {
            return "page";
        }

        public JsonObject json() {
            return new JsonObject().put("page", page);
        }
    }

    /**
     * A finished stroke on a page. Points are x,y pairs in page units 0..10000, so every screen size agrees;
     * the eraser is a stroke that removes ink where it passes.
     */
    record Stroke(String id, int page, String tool, String color, int width, List<Integer> points)
            implements
                Payload {
        public String type() {
            return "stroke";
        }

        public JsonObject json() {
            return new JsonObject().put("id", id).put("page", page).put("tool", tool).put("color", color)
                    .put("width", width).put("points", new JsonArray(new ArrayList<>(points)));
        }
    }

    /** Clears every stroke of a page. */
    record Clear(int page) implements Payload {
        public String type() {
            return "clear";
        }

        public JsonObject json() {
            return new JsonObject().put("page", page);
        }
    }

    /** Launches a quiz or poll; {@code correct} may be empty (a poll). */
    record QuizLaunch(String id, String kind, String question, int options, List<Integer> correct)
            implements
                Payload {
        public String type() {
            return "quiz.launch";
        }

        public JsonObject json() {
            return new JsonObject().put("id", id).put("kind", kind).put("question", question).put("options", options)
                    .put("correct", new JsonArray(new ArrayList<>(correct)));
        }
    }

    /** A classroom's aggregate answer: how many students chose each option. Replaces its earlier answer. */
    record QuizAnswer(String quizId, List<Integer> counts) implements Payload {
        public String type() {
            return "quiz.answer";
        }

        public JsonObject json() {
            return new JsonObject().put("quizId", quizId).put("counts", new JsonArray(new ArrayList<>(counts)));
        }
    }

    /**
     * One student device's answer to the open quiz: the option indices it chose. {@code seat} is set by the server
     * from the device's hello (never trusted from the message); a later vote of the same seat replaces it until the
     * quiz is revealed.
     */
    record QuizVote(String quizId, int seat, List<Integer> choice) implements Payload {
        public String type() {
            return "quiz.vote";
        }

        public JsonObject json() {
            return new JsonObject().put("quizId", quizId).put("seat", seat).put("choice", new JsonArray(
                    new ArrayList<>(choice)));
        }
    }

    /** Closes a quiz and shows its results (and correct answer) to everyone. */
    record QuizReveal(String quizId) implements Payload {
        public String type() {
            return "quiz.reveal";
        }

        public JsonObject json() {
            return new JsonObject().put("quizId", quizId);
        }
    }

    /** A classroom raises its hand; it joins the end of the queue unless already in it. */
    record HandRaise() implements Payload {
        public String type() {
            return "hand.raise";
        }

        public JsonObject json() {
            return new JsonObject();
        }
    }

    /** A hand goes down (the classroom itself, or the master for any classroom). */
    record HandLower(long classroom) implements Payload {
        public String type() {
            return "hand.lower";
        }

        public JsonObject json() {
            return new JsonObject().put("classroom", classroom);
        }
    }

    /** The master grants "speak" to one classroom (0: nobody speaks). */
    record HandGrant(long classroom) implements Payload {
        public String type() {
            return "hand.grant";
        }

        public JsonObject json() {
            return new JsonObject().put("classroom", classroom);
        }
    }

    /** A chat line to the whole session. */
    record Chat(String text) implements Payload {
        public String type() {
            return "chat";
        }

        public JsonObject json() {
            return new JsonObject().put("text", text);
        }
    }

    /** The master mutes or unmutes classroom chat. */
    record Mute(boolean muted) implements Payload {
        public String type() {
            return "mute";
        }

        public JsonObject json() {
            return new JsonObject().put("muted", muted);
        }
    }

    /** A classroom reports how many students are present. */
    record Attendance(int present) implements Payload {
        public String type() {
            return "attendance";
        }

        public JsonObject json() {
            return new JsonObject().put("present", present);
        }
    }

    /** Starts a countdown of {@code seconds} (0 stops it); it ends at the event's time plus the seconds. */
    record Timer(int seconds) implements Payload {
        public String type() {
            return "timer";
        }

        public JsonObject json() {
            return new JsonObject().put("seconds", seconds);
        }
    }

    /** The master lets classrooms browse freely ({@code free}) or makes them follow. */
    record Browse(boolean free) implements Payload {
        public String type() {
            return "browse";
        }

        public JsonObject json() {
            return new JsonObject().put("free", free);
        }
    }

    /** The master pulls every classroom back to the current page (and ends free browsing). */
    record PullBack() implements Payload {
        public String type() {
            return "pullback";
        }

        public JsonObject json() {
            return new JsonObject();
        }
    }

    /** Server-made: a device of a classroom connected (+1) or disconnected (-1); 0 resets all after a restart. */
    record Presence(long classroom, int delta) implements Payload {
        public String type() {
            return "presence";
        }

        public JsonObject json() {
            return new JsonObject().put("classroom", classroom).put("delta", delta);
        }
    }

    /**
     * Server-made, once per tick at most: the devices that connected ({@code joined}) and disconnected
     * ({@code left}) per classroom since the last tick. Coalescing keeps a mass join at one event per second
     * instead of one per device (each broadcast to every device).
     */
    record PresenceBatch(List<RoomPresence> rooms) implements Payload {
        public String type() {
            return "presence.batch";
        }

        public JsonObject json() {
            JsonArray a = new JsonArray();
            rooms.forEach(r -> a.add(new JsonObject().put("classroom", r.classroom()).put("joined", r.joined())
                    .put("left", r.left())));
            return new JsonObject().put("rooms", a);
        }
    }

    /** One classroom's devices connected and disconnected within a tick. */
    record RoomPresence(long classroom, int joined, int left) {}

    /** The master ends the session; nothing reliable is accepted after it. */
    record End() implements Payload {
        public String type() {
            return "end";
        }

        public JsonObject json() {
            return new JsonObject();
        }
    }
}
