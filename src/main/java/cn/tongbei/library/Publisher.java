package cn.tongbei.library;

import cn.tongbei.access.Principal;
import cn.tongbei.platform.http.ApiException;
import cn.tongbei.platform.storage.ObjectStorage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The door other features use to put a document into the library, e.g. joint lesson preparation publishing a
 * common plan as a 教案 (its exported DOCX and text). Same rules as an upload: type check, one stored copy per
 * content, extraction and indexing afterwards.
 */
public final class Publisher {
    private final ObjectStorage storage;
    private final ResourceRepository repo;
    private final ResourceEvents events;
    private final Extraction extraction;

    Publisher(ObjectStorage storage, ResourceRepository repo, ResourceEvents events, Extraction extraction) {
        this.storage = storage;
        this.repo = repo;
        this.events = events;
        this.extraction = extraction;
    }

    /**
     * Publishes {@code content} (a document held in memory, e.g. an exported lesson plan of a few hundred KB) as
     * a resource owned by {@code p} in their group, with the given metadata; answers the new resource id.
     */
    public Future<Long> publish(Principal p, String fileName, Buffer content, Resource.Metadata meta) {
        String name = FileTypes.safeName(fileName);
        byte[] bytes = content.getBytes();
        if (bytes.length == 0) {
            return Future.failedFuture(ApiException.badRequest("library_empty_file"));
        }
        String mime;
        try {
            mime = FileTypes.verify(name, java.util.Arrays.copyOf(bytes, Math.min(bytes.length,
                    UploadCounter.HEAD_BYTES)));
        } catch (ApiException e) {
            return Future.failedFuture(e);
        }
        Long groupId = p.groupId() != null ? p.groupId() : p.groupIds().stream().findFirst().orElse(null);
        if (groupId == null) {
            return Future.failedFuture(ApiException.forbidden());
        }
        String key = "library/" + UUID.randomUUID();
        String sha = sha256(bytes);
        return storage.put(key, content, mime)
                .compose(v -> repo.create(new ResourceRepository.StoredFile(sha, key, bytes.length, mime),
                        new ResourceRepository.NewResource(p.userId(), groupId, p.schoolId(), name, meta, "approved")))
                .map(created -> {
                    if (created.duplicate()) {
                        storage.delete(key);
                    }
                    events.changed(created.id());
                    extraction.submit(created.id());
                    return created.id();
                })
                .onFailure(e -> storage.delete(key));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
