package io.barreleye.modelcheck.trace;

import io.barreleye.modelcheck.value.BoolValue;
import io.barreleye.modelcheck.value.FcnValue;
import io.barreleye.modelcheck.value.IntValue;
import io.barreleye.modelcheck.value.ModelValue;
import io.barreleye.modelcheck.value.RecordValue;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.SetValue;
import io.barreleye.modelcheck.value.StringValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TLA+ values in trace JSON: integers and booleans as themselves, strings as strings, sequences as
 * arrays, records as objects; sets, functions and model values as tagged objects
 * ({@code {"set": [...]}}, {@code {"fcn": [[k, v], ...]}}, {@code {"mv": "p1"}}).
 */
public final class TraceValues {
    private TraceValues() {}

    @SuppressWarnings("unchecked")
    public static Value toValue(Object j) {
        if (j instanceof Long l) {
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) throw new IllegalArgumentException("integer " + l + " exceeds 32 bits");
            return IntValue.of((int) (long) l);
        }
        if (j instanceof Boolean b) return BoolValue.of(b);
        if (j instanceof String s) return StringValue.of(s);
        if (j instanceof List<?> list) {
            Value[] vs = new Value[list.size()];
            for (int i = 0; i < vs.length; i++) vs[i] = toValue(list.get(i));
            return TupleValue.of(vs);
        }
        if (j instanceof Map<?, ?> m) {
            Map<String, Object> o = (Map<String, Object>) m;
            if (o.size() == 1 && o.containsKey("set") && o.get("set") instanceof List<?> items) {
                List<Value> vs = new ArrayList<>();
                for (Object i : items) vs.add(toValue(i));
                return SetEnumValue.of(vs);
            }
            if (o.size() == 1 && o.containsKey("mv") && o.get("mv") instanceof String name) return ModelValue.of(name);
            if (o.size() == 1 && o.containsKey("fcn") && o.get("fcn") instanceof List<?> pairs) {
                List<Value> keys = new ArrayList<>();
                List<Value> vals = new ArrayList<>();
                for (Object pair : pairs) {
                    if (!(pair instanceof List<?> kv) || kv.size() != 2) {
                        throw new IllegalArgumentException("a \"fcn\" entry must be a [key, value] pair");
                    }
                    keys.add(toValue(kv.get(0)));
                    vals.add(toValue(kv.get(1)));
                }
                return fcn(keys, vals);
            }
            if (o.size() == 1 && (o.containsKey("set") || o.containsKey("fcn"))) {
                throw new IllegalArgumentException("{\"" + o.keySet().iterator().next() + "\": ...} takes an array");
            }
            if (o.size() == 1 && o.containsKey("mv")) throw new IllegalArgumentException("{\"mv\": ...} takes a model value's name");
            String[] names = o.keySet().toArray(new String[0]);
            Value[] vals = new Value[names.length];
            for (int i = 0; i < names.length; i++) vals[i] = toValue(o.get(names[i]));
            return names.length == 0 ? TupleValue.EMPTY : RecordValue.of(names, vals);
        }
        throw new IllegalArgumentException("null is not a TLA+ value");
    }

    /** A function from its pairs in any order; a key given twice is refused. */
    static Value fcn(List<Value> keys, List<Value> vals) {
        Integer[] idx = new Integer[keys.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> keys.get(a).compareTo(keys.get(b)));
        for (int i = 1; i < idx.length; i++) {
            if (keys.get(idx[i - 1]).compareTo(keys.get(idx[i])) == 0) {
                throw new IllegalArgumentException("a \"fcn\" maps " + keys.get(idx[i]) + " twice");
            }
        }
        Value[] d = new Value[idx.length];
        Value[] v = new Value[idx.length];
        for (int i = 0; i < idx.length; i++) {
            d[i] = keys.get(idx[i]);
            v[i] = vals.get(idx[i]);
        }
        return FcnValue.of(d, v);
    }

    /** The JSON text of a value, in the same encoding. */
    public static String toJson(Value v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    private static void write(Value v, StringBuilder sb) {
        if (v instanceof IntValue || v instanceof BoolValue) {
            sb.append(v.toString().equals("TRUE") ? "true" : v.toString().equals("FALSE") ? "false" : v.toString());
        } else if (v instanceof StringValue s) {
            sb.append(io.barreleye.modelcheck.Report.quoteJson(s.value));
        } else if (v instanceof ModelValue m) {
            sb.append("{\"mv\":").append(io.barreleye.modelcheck.Report.quoteJson(m.name)).append('}');
        } else if (v instanceof TupleValue t) {
            sb.append('[');
            for (int i = 0; i < t.elems().length; i++) {
                if (i > 0) sb.append(',');
                write(t.elems()[i], sb);
            }
            sb.append(']');
        } else if (v instanceof RecordValue r) {
            sb.append('{');
            for (int i = 0; i < r.names.length; i++) {
                if (i > 0) sb.append(',');
                sb.append(io.barreleye.modelcheck.Report.quoteJson(r.names[i])).append(':');
                write(r.vals[i], sb);
            }
            sb.append('}');
        } else if (v instanceof FcnValue f) {
            sb.append("{\"fcn\":[");
            Value[] d = f.domainArray();
            for (int i = 0; i < d.length; i++) {
                if (i > 0) sb.append(',');
                sb.append('[');
                write(d[i], sb);
                sb.append(',');
                write(f.valueArray()[i], sb);
                sb.append(']');
            }
            sb.append("]}");
        } else if (v instanceof SetValue s) {
            sb.append("{\"set\":[");
            Value[] e = s.toEnum().elems;
            for (int i = 0; i < e.length; i++) {
                if (i > 0) sb.append(',');
                write(e[i], sb);
            }
            sb.append("]}");
        } else {
            throw new IllegalArgumentException("cannot write " + v.kind() + " to a trace");
        }
    }
}
