package io.barreleye.modelcheck.config;

import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The contents of a TLC model file (.cfg). */
public final class ModelConfig {
    public final Map<String, Value> constants = new LinkedHashMap<>();
    /**
     * {@code Name <- Other}: Name is replaced by the definition Other. Name may be a definition
     * reached through an instance of the root module ({@code S!Step <- Other}), as TLC names it.
     */
    public final Map<String, String> overrides = new LinkedHashMap<>();
    /**
     * {@code Name = [M] value}, per module M: M's definition Name has that value wherever it is
     * used. TLC ignores such a line when no module M is loaded.
     */
    public final Map<String, Map<String, Value>> moduleConstants = new LinkedHashMap<>();
    /** {@code Name <- [M] Other}, per module M: M's definition Name is replaced by the root's Other. */
    public final Map<String, Map<String, String>> moduleOverrides = new LinkedHashMap<>();
    public String init;
    public String next;
    public String specification;
    public final List<String> invariants = new ArrayList<>();
    public final List<String> properties = new ArrayList<>();
    public final List<String> constraints = new ArrayList<>();
    public final List<String> actionConstraints = new ArrayList<>();
    public String symmetry;
    public String view;
    public String alias;
    public String postcondition;
    /** Null when the file does not say; TLC then checks deadlock. */
    public Boolean checkDeadlock;
    /**
     * True when nothing checked needs the specification's fairness (trace validation: the trace is
     * the behaviour): its WF/SF conjuncts are then not expanded into one condition per instance,
     * which for {@code \A o \in Ops : WF_vars(...)} over thousands of operations is most of the
     * compile time and memory.
     */
    public boolean fairnessUnused;
}
