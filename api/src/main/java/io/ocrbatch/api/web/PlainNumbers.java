package io.ocrbatch.api.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Whole numbers in requests are plain ASCII decimals ({@code 72}, {@code -1}), nothing else: Spring
 * would read {@code 0x48} and {@code #200} as hexadecimal and Java {@code ३००} as 300, so a typo or
 * a trick would be taken as some number. Query and path parameters are bound with these editors (a
 * refusal is the usual 400 naming the parameter); JSON bodies take JSON integers only, neither
 * strings nor fractions ({@link #strict}).
 */
@ControllerAdvice
class PlainNumbers {
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}");

  @InitBinder
  void plainNumbers(WebDataBinder binder) {
    binder.registerCustomEditor(int.class, new Editor(Integer.MIN_VALUE, Integer.MAX_VALUE, false));
    binder.registerCustomEditor(
        Integer.class, new Editor(Integer.MIN_VALUE, Integer.MAX_VALUE, true));
    binder.registerCustomEditor(long.class, new Editor(Long.MIN_VALUE, Long.MAX_VALUE, false));
    binder.registerCustomEditor(Long.class, new Editor(Long.MIN_VALUE, Long.MAX_VALUE, true));
  }

  /** A whole number in {@code [min, max]} written as a plain decimal; empty is null if allowed. */
  private static final class Editor extends PropertyEditorSupport {
    private final long min;
    private final long max;
    private final boolean emptyIsNull;

    Editor(long min, long max, boolean emptyIsNull) {
      this.min = min;
      this.max = max;
      this.emptyIsNull = emptyIsNull;
    }

    @Override
    public void setAsText(String text) {
      if ((text == null || text.isEmpty()) && emptyIsNull) {
        setValue(null);
        return;
      }
      if (text == null || !DECIMAL.matcher(text).matches())
        throw new IllegalArgumentException("not a plain decimal whole number");
      long value = Long.parseLong(text);
      if (value < min || value > max) throw new IllegalArgumentException("out of range");
      setValue(max == Integer.MAX_VALUE ? Integer.valueOf((int) value) : Long.valueOf(value));
    }
  }

  /** The request-body mapper: integer fields take JSON integers only. */
  static ObjectMapper strict(ObjectMapper mapper) {
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    return mapper;
  }
}
