package io.barreleye.kernel;

import java.util.List;

/**
 * A membership view: its number and the cores in it. Messages carry the view number; commits
 * count acknowledgements only from the members of their view.
 */
public record View(int number, List<Integer> members) {
    public View {
        members = List.copyOf(members);
    }

    public boolean contains(int core) {
        return members.contains(core);
    }

    public int size() {
        return members.size();
    }
}
