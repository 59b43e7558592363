package cn.tongbei.classroom.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing client messages: valid ones become typed records, bad ones a clear code. */
class WireTest {

    @Test
    @DisplayName("a stroke becomes a typed record with its command id")
    void stroke() {
        ClientMessage m = Wire.parse("""
                {"type":"stroke","session":5,"cmdId":"m-1","id":"s1","page":0,"tool":"highlighter",
                 "color":"#FFAA00","width":12,"points":[0,0,10000,10000]}""", 5);
        ClientMessage.Reliable r = assertInstanceOf(ClientMessage.Reliable.class, m);
        assertEquals("m-1", r.cmdId());
        assertEquals("#ffaa00", ((Payload.Stroke) r.payload()).color());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "not json                                              | malformed",
            "[1,2]                                                 | malformed",
            "{\"session\":5}                                       | malformed",
            "{\"type\":\"teleport\",\"cmdId\":\"a\"}               | unknown_type",
            "{\"type\":\"page\",\"cmdId\":\"a\",\"page\":-1}       | malformed",
            "{\"type\":\"page\",\"page\":1}                        | malformed",
            "{\"type\":\"page\",\"cmdId\":\"a\",\"page\":1,\"session\":6} | wrong_session",
            "{\"type\":\"stroke\",\"cmdId\":\"a\",\"id\":\"s\",\"page\":0,\"tool\":\"pen\",\"color\":\"red\",\"width\":1,\"points\":[0,0]} | malformed",
            "{\"type\":\"stroke\",\"cmdId\":\"a\",\"id\":\"s\",\"page\":0,\"tool\":\"pen\",\"color\":\"#000000\",\"width\":1,\"points\":[0,0,1]} | malformed",
            "{\"type\":\"quiz.launch\",\"cmdId\":\"a\",\"id\":\"q\",\"kind\":\"single\",\"options\":4,\"correct\":[0,1]} | malformed",
            "{\"type\":\"chat\",\"cmdId\":\"a\",\"text\":\"\"}      | malformed",
            "{\"type\":\"hello\",\"session\":5,\"token\":\"t\",\"role\":\"king\",\"lastSeq\":0} | malformed",
    })
    @DisplayName("bad messages are refused with a stable code")
    void refused(String text, String code) {
        assertEquals(code, assertThrows(ProtocolException.class, () -> Wire.parse(text, 5)).code());
    }
}
