package cn.tongbei;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The node's modules, for a feature that uses another's public service (lesson preparation publishing a common
 * plan into the library). Look up at request time, not in {@link Module#start}: modules start one after another.
 */
public final class Modules {
    private final List<Module> started = new CopyOnWriteArrayList<>();

    void add(Module module) {
        started.add(module);
    }

    /** The started module of a type, if it runs on this node. */
    public <T extends Module> Optional<T> find(Class<T> type) {
        return started.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
