import java.io.*;
import java.nio.*;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import java.util.*;

/**
 * Minimal HPROF analyser used for the idle-memory analysis (docs/benchmarks-classroom.md, "Session 3: idle
 * memory"); no dependencies, run from source:
 *
 * <pre>
 * java -Xmx8g bench/tools/HprofPaths.java DUMP.hprof CLASS_SUBSTRING [PATHS [CUT_CLASSES N]]
 * </pre>
 *
 * Prints the most common shortest paths from GC roots (strong references; Reference.referent is ignored, class
 * statics count as roots) to the instances whose class name contains CLASS_SUBSTRING. With CUT_CLASSES
 * (comma-separated class-name substrings) and N, also prints what would become unreachable if instances of those
 * classes dropped their outgoing references, by class, divided by N (e.g. the number of connections): "what do
 * they alone keep alive". Shallow sizes assume compressed oops (12-byte headers, 4-byte references, 8-byte
 * alignment), matching HotSpot's class histogram on a heap under 32 GB.
 */
public class HprofPaths {
    static int idSize;
    static Map<Long, String> strings = new HashMap<>();
    static Map<Long, String> classNames = new HashMap<>();
    static Map<Long, long[]> classFieldNames = new HashMap<>(); // class id -> field name string ids
    static Map<Long, byte[]> classFieldTypes = new HashMap<>();
    static Map<Long, Long> superOf = new HashMap<>();
    static Map<Long, long[]> staticRefs = new HashMap<>();
    static Map<Long, String[]> staticRefNames = new HashMap<>();
    // objects
    static long[] objIds = new long[1 << 20];
    static long[] objClass = new long[1 << 20];
    static int[] refStart = new int[1 << 20];
    static int[] objSize = new int[1 << 20];
    static Map<Long,Integer> instSize = new HashMap<>();
    static long primArrayClassBase = 1;
    static int objCount = 0;
    static long[] refs = new long[1 << 22];
    static int refCount = 0;
    static String[] refNames; // lazily unused
    static List<Long> roots = new ArrayList<>();
    static Map<Long, String> rootKind = new HashMap<>();

    public static void main(String[] args) throws Exception {
        String target = args[1];
        int maxPaths = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (FileChannel ch = FileChannel.open(Path.of(args[0]))) {
            long size = ch.size();
            // read whole thing via chunks of mapped buffers
            DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 20));
            StringBuilder hdr = new StringBuilder();
            int c;
            while ((c = in.read()) != 0) hdr.append((char) c);
            idSize = in.readInt();
            in.readLong();
            List<byte[]> instances = new ArrayList<>();
            while (true) {
                int tag = in.read();
                if (tag < 0) break;
                in.readInt();
                long len = in.readInt() & 0xffffffffL;
                if (tag == 0x01) {
                    long id = readId(in);
                    byte[] b = new byte[(int) (len - idSize)];
                    in.readFully(b);
                    strings.put(id, new String(b, "UTF-8"));
                } else if (tag == 0x02) {
                    in.readInt();
                    long cid = readId(in);
                    in.readInt();
                    long nid = readId(in);
                    classNames.put(cid, strings.get(nid).replace('/', '.'));
                } else if (tag == 0x0C || tag == 0x1C) {
                    heap(in, len);
                } else {
                    in.skipNBytes(len);
                }
            }
        }
        System.err.println("objects " + objCount + " refs " + refCount + " roots " + roots.size());
        // index
        index = new HashMap<>(objCount * 2);
        for (int i = 0; i < objCount; i++) index.put(objIds[i], i);
        String cut = args.length > 3 ? args[3] : null;
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, String> parentField = new HashMap<>();
        Set<Long> reach = reach(null, parent, parentField);
        int found = 0, reachable = 0;
        Map<String, Integer> pathShapes = new TreeMap<>();
        for (int i = 0; i < objCount; i++) {
            String cn = classNames.get(objClass[i]);
            if (cn == null || !cn.contains(target)) continue;
            found++;
            if (!parent.containsKey(objIds[i])) continue;
            reachable++;
            long o = objIds[i];
            int depth = 0;
            List<String> chain = new ArrayList<>();
            while (o != 0 && depth < 60) {
                Integer oi = index.get(o);
                String name = oi != null ? classNames.get(objClass[oi]) : ("class " + classNames.get(o));
                if (name == null) name = "?" + Long.toHexString(o);
                String f = parentField.get(o);
                chain.add(name + (f != null ? " <-[" + f + "]" : "") + (rootKind.containsKey(o) ? "  ROOT(" + rootKind.get(o) + ")" : ""));
                o = parent.get(o);
                depth++;
            }
            pathShapes.merge(String.join("\n    <- ", chain), 1, Integer::sum);
        }
        System.out.println("instances of *" + target + "*: " + found + ", reachable from roots (strong, ignoring Reference.referent): " + reachable);
        pathShapes.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(maxPaths).forEach(e -> {
            System.out.println("=== " + e.getValue() + " instances via:\n    " + e.getKey());
        });
        if (cut != null) {
            int per = Integer.parseInt(args[4]);
            Set<Long> reach2 = reach(cut, new HashMap<>(), new HashMap<>());
            Map<String, long[]> freed = new HashMap<>();
            long total = 0;
            for (int i = 0; i < objCount; i++) {
                if (reach.contains(objIds[i]) && !reach2.contains(objIds[i])) {
                    String cn = classNames.getOrDefault(objClass[i], "?");
                    long[] v = freed.computeIfAbsent(cn, k -> new long[2]);
                    v[0]++;
                    v[1] += objSize[i];
                    total += objSize[i];
                }
            }
            Map<Long, Long> par2 = new HashMap<>();
            Set<Long> r3 = reach(cut, par2, new HashMap<>());
            for (int i = 0; i < objCount; i++) {
                String cn = classNames.get(objClass[i]);
                if (cn != null && cn.contains(target) && r3.contains(objIds[i])) {
                    long o = objIds[i];
                    StringBuilder sb = new StringBuilder("still reachable " + cn + ":");
                    for (int d = 0; d < 25 && o != 0; d++) {
                        Integer oi = index.get(o);
                        sb.append("\n    <- ").append(oi != null ? classNames.get(objClass[oi]) : "class " + classNames.get(o));
                        o = par2.get(o);
                    }
                    System.out.println(sb);
                    break;
                }
            }
            System.out.printf("retained only through outgoing references of *%s*: %d bytes, %.1f per connection (%d)%n", cut, total, total / (double) per, per);
            freed.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(40).forEach(e -> System.out.printf("  %8.2f %8.1f B  %s%n", e.getValue()[0] / (double) per, e.getValue()[1] / (double) per, e.getKey()));
        }
    }

    static HashMap<Long, Integer> index;

    static Set<Long> reach(String cutClass, Map<Long, Long> parent, Map<Long, String> parentField) {
        ArrayDeque<Long> q = new ArrayDeque<>();
        for (long r : roots) {
            if (!parent.containsKey(r)) {
                parent.put(r, 0L);
                q.add(r);
            }
        }
        for (long cid : staticRefs.keySet()) {
            if (!parent.containsKey(cid)) {
                parent.put(cid, 0L);
                rootKind.putIfAbsent(cid, "class " + classNames.get(cid));
                q.add(cid);
            }
        }
        while (!q.isEmpty()) {
            long o = q.poll();
            long[] sr = staticRefs.get(o);
            if (sr != null) {
                String[] names = staticRefNames.get(o);
                for (int k = 0; k < sr.length; k++) {
                    long t = sr[k];
                    if (t != 0 && !parent.containsKey(t)) {
                        parent.put(t, o);
                        parentField.put(t, "static " + names[k]);
                        q.add(t);
                    }
                }
            }
            Integer i = index.get(o);
            if (i == null) continue;
            if (cutClass != null) {
                String cn = classNames.get(objClass[i]);
                boolean skip = false;
                for (String c : cutClass.split(",")) if (cn != null && cn.contains(c)) skip = true;
                if (skip) continue;
            }
            int end = i + 1 < objCount ? refStart[i + 1] : refCount;
            for (int k = refStart[i]; k < end; k++) {
                long t = refs[k];
                if (t != 0 && !parent.containsKey(t)) {
                    parent.put(t, o);
                    q.add(t);
                }
            }
        }
        return parent.keySet();
    }

    static long readId(DataInputStream in) throws IOException {
        return idSize == 8 ? in.readLong() : in.readInt() & 0xffffffffL;
    }

    static int typeSize(int t) {
        return switch (t) {
            case 2 -> idSize;
            case 4, 8 -> 1;
            case 5, 9 -> 2;
            case 6, 10 -> 4;
            case 7, 11 -> 8;
            default -> throw new IllegalStateException("type " + t);
        };
    }

    static void root(long id, String kind) {
        roots.add(id);
        rootKind.putIfAbsent(id, kind);
    }

    static void addObj(long id, long cls, int size) {
        addObj(id, cls);
        objSize[objCount - 1] = size;
    }

    static void addObj(long id, long cls) {
        if (objCount == objIds.length) {
            objIds = Arrays.copyOf(objIds, objCount * 2);
            objClass = Arrays.copyOf(objClass, objCount * 2);
            refStart = Arrays.copyOf(refStart, objCount * 2);
            objSize = Arrays.copyOf(objSize, objCount * 2);
        }
        objIds[objCount] = id;
        objClass[objCount] = cls;
        refStart[objCount] = refCount;
        objCount++;
    }

    static void addRef(long r) {
        if (refCount == refs.length) refs = Arrays.copyOf(refs, refCount * 2);
        refs[refCount++] = r;
    }

    static void heap(DataInputStream in, long len) throws IOException {
        long read = 0;
        // we track bytes via a counting approach: simpler to read all into a buffer
        byte[] buf = new byte[(int) len];
        in.readFully(buf);
        ByteBuffer b = ByteBuffer.wrap(buf);
        while (b.hasRemaining()) {
            int sub = b.get() & 0xff;
            switch (sub) {
                case 0xFF -> root(id(b), "unknown");
                case 0x01 -> { root(id(b), "jni global"); id(b); }
                case 0x02 -> { root(id(b), "jni local"); b.getInt(); b.getInt(); }
                case 0x03 -> { root(id(b), "java frame"); b.getInt(); b.getInt(); }
                case 0x04 -> { root(id(b), "native stack"); b.getInt(); }
                case 0x05 -> root(id(b), "sticky class");
                case 0x06 -> { root(id(b), "thread block"); b.getInt(); }
                case 0x07 -> root(id(b), "monitor used");
                case 0x08 -> { root(id(b), "thread object"); b.getInt(); b.getInt(); }
                case 0x20 -> {
                    long cid = id(b);
                    b.getInt();
                    long sup = id(b);
                    superOf.put(cid, sup);
                    id(b); id(b); id(b); id(b); id(b);
                    b.getInt();
                    int cp = b.getShort() & 0xffff;
                    for (int i = 0; i < cp; i++) {
                        b.getShort();
                        int t = b.get();
                        skip(b, typeSize(t));
                    }
                    int ns = b.getShort() & 0xffff;
                    List<Long> sr = new ArrayList<>();
                    List<String> sn = new ArrayList<>();
                    for (int i = 0; i < ns; i++) {
                        long name = id(b);
                        int t = b.get();
                        if (t == 2) {
                            long v = id(b);
                            if (v != 0) { sr.add(v); sn.add(strings.get(name)); }
                        } else skip(b, typeSize(t));
                    }
                    staticRefs.put(cid, sr.stream().mapToLong(Long::longValue).toArray());
                    staticRefNames.put(cid, sn.toArray(new String[0]));
                    int nf = b.getShort() & 0xffff;
                    long[] names = new long[nf];
                    byte[] types = new byte[nf];
                    for (int i = 0; i < nf; i++) {
                        names[i] = id(b);
                        types[i] = b.get();
                    }
                    classFieldNames.put(cid, names);
                    classFieldTypes.put(cid, types);
                }
                case 0x21 -> {
                    long oid = id(b);
                    b.getInt();
                    long cid = id(b);
                    int n = b.getInt();
                    int start = b.position();
                    addObj(oid, cid, instanceSize(cid));
                    long c = cid;
                    while (c != 0 && classFieldTypes.containsKey(c)) {
                        long[] names = classFieldNames.get(c);
                        byte[] types = classFieldTypes.get(c);
                        for (int i = 0; i < types.length; i++) {
                            if (types[i] == 2) {
                                long v = id(b);
                                String fname = strings.get(names[i]);
                                if (!"referent".equals(fname)) addRef(v);
                            } else skip(b, typeSize(types[i]));
                        }
                        c = superOf.getOrDefault(c, 0L);
                    }
                    b.position(start + n);
                }
                case 0x22 -> {
                    long oid = id(b);
                    b.getInt();
                    int n = b.getInt();
                    long cid = id(b);
                    addObj(oid, cid, align(16 + 4L * n));
                    for (int i = 0; i < n; i++) addRef(id(b));
                }
                case 0x23 -> {
                    long oid = id(b);
                    b.getInt();
                    int n = b.getInt();
                    int t = b.get();
                    addObj(oid, -t, align(16 + (long) n * typeSize(t)));
                    classNames.putIfAbsent((long) -t, "prim[] type " + t);
                    skip(b, n * typeSize(t));
                }
                default -> throw new IllegalStateException("sub " + Integer.toHexString(sub) + " at " + b.position());
            }
        }
    }

    static int align(long n) {
        return (int) ((n + 7) & ~7L);
    }

    static int instanceSize(long cid) {
        Integer cached = instSize.get(cid);
        if (cached != null) return cached;
        long size = 12;
        long c = cid;
        while (c != 0 && classFieldTypes.containsKey(c)) {
            for (byte t : classFieldTypes.get(c)) size += t == 2 ? 4 : typeSize(t);
            c = superOf.getOrDefault(c, 0L);
        }
        int r = align(size);
        instSize.put(cid, r);
        return r;
    }

    static long id(ByteBuffer b) {
        return idSize == 8 ? b.getLong() : b.getInt() & 0xffffffffL;
    }

    static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }
}
