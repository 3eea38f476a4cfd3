package dev.spinj.trigger.http.wagi;

import static dev.spinj.trigger.http.routing.Requests.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC 8 argv; {@code /test?abc=def} is Spin's {@code test_wagi_http}. */
class WagiArgvTest {

    @ParameterizedTest(name = "template \"{0}\" with {1} gives {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ${SCRIPT_NAME} ${ARGS}       | /test?abc=def         | /test,abc=def
            ${SCRIPT_NAME} ${ARGS}       | /test                 | /test,
            ${SCRIPT_NAME} ${ARGS}       | /test?a=1&b=2         | /test,a=1,b=2
            ${SCRIPT_NAME} ${ARGS}       | /test?a=1&&b=2        | /test,a=1,,b=2
            ${SCRIPT_NAME} ${ARGS}       | /t?q=a%20b+c          | /t,q=a%20b+c
            ${SCRIPT_NAME} ${ARGS}       | /base/foo/bar?x       | /base/foo/bar,x
            ${SCRIPT_NAME}               | /test?abc=def         | /test
            prog --flag ${ARGS}          | /test?abc=def         | prog,--flag,abc=def
            "${ARGS} ${SCRIPT_NAME} ${ARGS}" | /s?a&b          | a,b,/s,a,b
            "${SCRIPT_NAME}  ${ARGS}"    | /test?abc=def         | /test,,abc=def
            """)
    void argvIsTheTemplateSplitOnSpaces(String template, String uri, String expected) {
        assertEquals(Arrays.asList(expected.split(",", -1)), WagiArgv.build(template, get(uri)));
    }

    @Test
    void defaultTemplateIsScriptNameThenArgs() {
        assertEquals(List.of("/test", "abc=def"), WagiArgv.build(WagiArgv.DEFAULT_TEMPLATE, get("/test?abc=def")));
    }
}
