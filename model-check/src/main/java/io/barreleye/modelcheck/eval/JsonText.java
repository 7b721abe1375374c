package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.Report;
import io.barreleye.modelcheck.value.BoolValue;
import io.barreleye.modelcheck.value.FcnValue;
import io.barreleye.modelcheck.value.IntValue;
import io.barreleye.modelcheck.value.ModelValue;
import io.barreleye.modelcheck.value.SetValue;
import io.barreleye.modelcheck.value.StringValue;
import io.barreleye.modelcheck.value.TlcOrder;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;

/**
 * The standard module Json's {@code ToJson}: a value as the JSON text TLC writes for it. Numbers
 * and booleans as themselves, strings and model values as JSON strings, tuples and sets (in
 * TLC's order) as arrays, records and other functions as objects (a record's fields in TLC's
 * order of strings; a function's keys printed as TLC prints them, strings without quotes).
 */
final class JsonText {
    private JsonText() {}

    static String of(Value v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    private static void write(Value v, StringBuilder sb) {
        if (v instanceof BoolValue b) {
            sb.append(b.value ? "true" : "false");
        } else if (v instanceof IntValue i) {
            sb.append(i.value);
        } else if (v instanceof StringValue s) {
            sb.append(Report.quoteJson(s.value));
        } else if (v instanceof ModelValue m) {
            sb.append(Report.quoteJson(m.name));
        } else if (v instanceof TupleValue t) {
            array(t.elems(), sb);
        } else if (v instanceof FcnValue f) {
            object(f.domainArray(), f.valueArray(), sb);
        } else if (v instanceof SetValue s) {
            array(TlcOrder.sorted(s.toEnum().elems), sb);
        } else {
            throw new io.barreleye.modelcheck.value.ValueException("ToJson cannot write the " + v.kind() + " " + v);
        }
    }

    private static void array(Value[] elems, StringBuilder sb) {
        sb.append('[');
        for (int i = 0; i < elems.length; i++) {
            if (i > 0) sb.append(',');
            write(elems[i], sb);
        }
        sb.append(']');
    }

    /** Keys in TLC's order (a record's fields as TLC prints them). */
    private static void object(Value[] keys, Value[] vals, StringBuilder sb) {
        sb.append('{');
        int[] order = TlcOrder.order(keys);
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (k > 0) sb.append(',');
            String key = keys[i] instanceof StringValue s ? s.value : keys[i].toString();
            sb.append(Report.quoteJson(key)).append(':');
            write(vals[i], sb);
        }
        sb.append('}');
    }
}
