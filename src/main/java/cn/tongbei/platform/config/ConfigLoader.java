package cn.tongbei.platform.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the configuration once: {@code config/tongbei.json} (the defaults), then the file named by
 * {@code TONGBEI_CONFIG} if set, then one environment variable per key. The environment name of a key is
 * its path upper-cased with dots and camelCase humps turned into underscores, prefixed with
 * {@code TONGBEI_}: {@code auth.jwtSecret} is {@code TONGBEI_AUTH_JWT_SECRET}.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /** Loads the configuration the server runs with, from the working directory and the environment. */
    public static TongbeiConfig load(Map<String, String> env) {
        Path dir = Path.of(env.getOrDefault("TONGBEI_CONFIG_DIR", "config"));
        JsonObject json = readJson(dir.resolve("tongbei.json"));
        String overlay = env.get("TONGBEI_CONFIG");
        if (overlay != null && !overlay.isBlank()) {
            merge(json, readJson(Path.of(overlay)));
        }
        applyEnvironment(json, "TONGBEI", env);
        return TongbeiConfig.from(json);
    }

    static JsonObject readJson(Path file) {
        try {
            return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot read configuration file " + file.toAbsolutePath() + ": " + e.getMessage());
        } catch (DecodeException e) {
            throw new ConfigException("configuration file " + file.toAbsolutePath() + " is not valid JSON: "
                    + e.getMessage());
        }
    }

    /** Copies every key of {@code overlay} into {@code base}, descending into objects present in both. */
    public static void merge(JsonObject base, JsonObject overlay) {
        for (String key : overlay.fieldNames()) {
            Object value = overlay.getValue(key);
            if (value instanceof JsonObject child && base.getValue(key) instanceof JsonObject existing) {
                merge(existing, child);
            } else {
                base.put(key, value);
            }
        }
    }

    /** Overrides each leaf of {@code json} whose environment name is set, converting to the leaf's type. */
    public static void applyEnvironment(JsonObject json, String prefix, Map<String, String> env) {
        for (String key : json.copy().fieldNames()) {
            if (key.startsWith("_")) {
                continue;
            }
            String name = prefix + "_" + envName(key);
            Object value = json.getValue(key);
            if (value instanceof JsonObject child) {
                applyEnvironment(child, name, env);
                continue;
            }
            String raw = env.get(name);
            if (raw == null) {
                continue;
            }
            json.put(key, convert(name, raw, value));
        }
    }

    static String envName(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').replace('-', '_').toUpperCase();
    }

    private static Object convert(String name, String raw, Object template) {
        try {
            if (template instanceof Integer) {
                return Integer.parseInt(raw.trim());
            }
            if (template instanceof Long) {
                return Long.parseLong(raw.trim());
            }
            if (template instanceof Boolean) {
                String v = raw.trim().toLowerCase();
                if (!v.equals("true") && !v.equals("false")) {
                    throw new NumberFormatException(raw);
                }
                return Boolean.parseBoolean(v);
            }
            return raw;
        } catch (NumberFormatException e) {
            throw new ConfigException("environment variable " + name + "=" + raw + " is not a valid "
                    + template.getClass().getSimpleName().toLowerCase());
        }
    }
}
