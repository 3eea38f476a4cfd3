package dev.spinj.wasm.host;

import dev.spinj.wasm.abi.Slice;
import dev.spinj.wasm.variables.VariableException;
import dev.spinj.wasm.variables.Variables;
import java.util.List;

/**
 * {@code spin-config.get-config} / {@code fermyon:spin/config.get-config}: a key of the calling
 * component's config, its template resolved over the app variables (SPEC 3.2). Every failure is
 * the {@code err} variant; a redirect guest relies on that to fall back (CONFIRMED.md).
 */
public final class ConfigHost implements HostInterface {
    private static final int PROVIDER = 0;
    private static final int INVALID_KEY = 1;
    private static final int OTHER = 3;

    private final Variables variables;

    public ConfigHost(Variables variables) {
        this.variables = variables;
    }

    @Override
    public String legacyModule() {
        return "spin-config";
    }

    @Override
    public String canonicalModule() {
        return "fermyon:spin/config";
    }

    @Override
    public List<HostImport> imports() {
        return List.of(HostImport.i32s("get-config", 3, this::getConfig));
    }

    private long[] getConfig(HostContext ctx, long[] args) {
        String key = ctx.abi().liftString((int) args[0], (int) args[1], "config key");
        int ret = (int) args[2];
        String invalid = ConfigKeys.problem(key);
        if (invalid != null) {
            ErrorResults.writeStringCase(ctx, ret, 4, INVALID_KEY, "\"" + key + "\": " + invalid);
            return null;
        }
        String template = ctx.component().config().get(key);
        if (template == null) {
            ErrorResults.writeStringCase(ctx, ret, 4, OTHER,
                    "unknown config path: no config for \"" + ctx.componentId() + "\".\"" + key + "\"");
            return null;
        }
        try {
            Slice value = ctx.abi().lowerString(variables.resolveTemplate(template));
            ctx.abi().memory().writeU8(ret, 0);
            ctx.abi().memory().writeI32(ret + 4, value.ptr());
            ctx.abi().memory().writeI32(ret + 8, value.len());
        } catch (VariableException e) {
            ErrorResults.writeStringCase(ctx, ret, 4, PROVIDER, e.getMessage());
        }
        return null;
    }
}
