package dev.spinj.cm.abi;

import dev.spinj.cm.types.ResourceType;

/**
 * own&lt;R&gt; and borrow&lt;R&gt;: an i32 handle in the guest's table, the rep (Integer) on the Java
 * side. Lifting an own moves it out of the table (it must be an own of R with no lends);
 * lifting a borrow lends the handle for the call. Lowering an own adds a fresh own handle;
 * lowering a borrow adds a handle scoped to the call, or passes the rep itself when the guest
 * implements R (CanonicalABI.md lift_own, lift_borrow, lower_own, lower_borrow).
 */
final class HandleCodec extends I32Codec {
    private final ResourceType resource;
    private final boolean own;

    HandleCodec(ResourceType resource, boolean own) {
        this.resource = resource;
        this.own = own;
    }

    @Override
    Integer lift(CallContext cx, int handle) {
        HandleTable table = cx.instance.handles;
        ResourceHandle h = table.get(handle, cx.function);
        InstanceState.checkType(h, resource, handle, cx.function);
        if (!own) {
            cx.lend(h);
            return h.rep;
        }
        if (!h.own) {
            throw cx.trap("handle " + handle + " is a borrow, but own<" + resource + "> was expected");
        }
        if (h.lends != 0) {
            throw cx.trap("handle " + handle + " of " + resource + " is moved while lent out " + h.lends + " time(s)");
        }
        table.remove(handle, cx.function);
        return h.rep;
    }

    @Override
    int lower(CallContext cx, Object value) {
        if (!(value instanceof Integer rep)) {
            throw ValueCodec.badValue(cx, (own ? "own<" : "borrow<") + resource + "> (the rep as Integer)", value);
        }
        if (own) {
            return cx.instance.handles.add(new ResourceHandle(resource, rep, true, null), cx.function);
        }
        if (cx.instance.implementsResource(resource)) {
            return rep;
        }
        cx.borrowCount++;
        return cx.instance.handles.add(new ResourceHandle(resource, rep, false, cx), cx.function);
    }
}
