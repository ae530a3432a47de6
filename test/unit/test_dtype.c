/* Unit tests of the dtype descriptor and sub-byte packing (no MLIR).
 * Prints "N passed, M failed" and exits non-zero on any failure. */
#include <stdio.h>
#include <string.h>

#include "support/dtype.h"
#include "support/names.h"

static int passed, failed;
#define CHECK(cond)                                                            \
  do {                                                                         \
    if (cond) passed++;                                                        \
    else {                                                                     \
      failed++;                                                                \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

static void test_names_and_ranges(void) {
  CHECK(!strcmp(lb_dtype_name(LB_DT_I4), "i4") && !strcmp(lb_dtype_name(LB_DT_U8), "ui8"));
  CHECK(!strcmp(lb_dtype_name(LB_DT_F32), "f32") && !strcmp(lb_dtype_name(LB_DTYPE_SINT(3)), "i3"));
  CHECK(lb_dtype_parse("i4") == LB_DT_I4 && lb_dtype_parse("ui4") == LB_DT_U4 && lb_dtype_parse("u8") == LB_DT_U8);
  CHECK(lb_dtype_parse("i33") == LB_DT_INVALID && lb_dtype_parse("f16") == LB_DT_INVALID);
  CHECK(lb_dtype_parse("x") == LB_DT_INVALID && lb_dtype_parse("i") == LB_DT_INVALID);
  CHECK(lb_dtype_min(LB_DT_I4) == -8 && lb_dtype_max(LB_DT_I4) == 7);
  CHECK(lb_dtype_min(LB_DT_I3) == -4 && lb_dtype_max(LB_DT_I3) == 3);
  CHECK(lb_dtype_min(LB_DT_U4) == 0 && lb_dtype_max(LB_DT_U4) == 15);
  CHECK(!lb_dtype_valid(LB_DTYPE_SINT(1)) && !lb_dtype_valid(LB_DTYPE_UINT(1)));
  CHECK(lb_dtype_min(LB_DT_I2) == -2 && lb_dtype_max(LB_DT_I2) == 1);
  CHECK(lb_dtype_max(LB_DT_I32) == 2147483647 && lb_dtype_min(LB_DT_I64) == INT64_MIN);
  CHECK(lb_dtype_size(LB_DT_I3) == 1 && lb_dtype_size(LB_DTYPE_SINT(12)) == 2 && lb_dtype_size(LB_DT_I64) == 8);
  CHECK(lb_dtype_container(LB_DT_I4) == LB_DT_I8 && lb_dtype_container(LB_DT_U2) == LB_DT_U8);
  CHECK(lb_dtype_is_subbyte(LB_DT_I4) && !lb_dtype_is_subbyte(LB_DT_I8) && !lb_dtype_is_subbyte(LB_DT_F32));
  CHECK(!lb_dtype_valid(LB_DTYPE_SINT(0)) && !lb_dtype_valid(LB_DTYPE_SINT(40)) && lb_dtype_valid(LB_DTYPE_UINT(32)));
}

static void test_packing(void) {
  /* i4: element 0 in the low nibble */
  int8_t v[5] = {-1, 7, -8, 3, 5};
  uint8_t packed[3];
  CHECK(lb_dtype_packed_bytes(LB_DT_I4, 5) == 3);
  lb_dtype_pack(LB_DT_I4, v, 5, packed);
  CHECK(packed[0] == 0x7F && packed[1] == 0x38 && packed[2] == 0x05);
  int8_t back[5];
  lb_dtype_unpack(LB_DT_I4, packed, 5, back);
  CHECK(!memcmp(v, back, 5));
  /* i3 crosses byte boundaries: 8 elements in 3 bytes */
  int8_t t[8] = {-4, -3, -2, -1, 0, 1, 2, 3}, t2[8];
  uint8_t p3[3];
  CHECK(lb_dtype_packed_bytes(LB_DT_I3, 8) == 3);
  lb_dtype_pack(LB_DT_I3, t, 8, p3);
  lb_dtype_unpack(LB_DT_I3, p3, 8, t2);
  CHECK(!memcmp(t, t2, 8));
  /* element i of i3 occupies bits [3i, 3i+3): -4 = 0b100 at bits 0..2, -3 = 0b101 at 3..5 */
  CHECK((p3[0] & 0x3F) == (0x4 | (0x5 << 3)));
  /* u2, 4 per byte */
  uint8_t u[4] = {0, 1, 2, 3}, pu[1], ub[4];
  lb_dtype_pack(LB_DT_U2, u, 4, pu);
  CHECK(pu[0] == 0xE4);
  lb_dtype_unpack(LB_DT_U2, pu, 4, ub);
  CHECK(!memcmp(u, ub, 4));
  CHECK(lb_dtype_extend(LB_DT_I4, 0xF) == -1 && lb_dtype_extend(LB_DT_U4, 0xFF) == 15);
}

static void test_names_are_data(void) {
  char id[64];
  lb_name_to_identifier("fc1.weight", id, sizeof id);
  CHECK(!strcmp(id, "fc1_weight"));
  lb_name_to_identifier("0abc", id, sizeof id);
  CHECK(!strcmp(id, "_0abc"));
  lb_name_to_identifier("", id, sizeof id);
  CHECK(!strcmp(id, "_"));
  lb_name_to_identifier("a */ int evil(void){return 1;} /*", id, sizeof id);
  CHECK(lb_is_identifier(id));
  lb_strbuf_t sb;
  lb_strbuf_init(&sb);
  lb_name_append_comment(&sb, "x */ int y; /* \n z", 100);
  CHECK(sb.data && !strstr(sb.data, "*/") && !strstr(sb.data, "/*") && !strchr(sb.data, '\n'));
  lb_strbuf_free(&sb);
  CHECK(!lb_name_is_safe_filename("..") && !lb_name_is_safe_filename("../x") && !lb_name_is_safe_filename("a/b"));
  CHECK(!lb_name_is_safe_filename("") && lb_name_is_safe_filename("logits") && !lb_name_is_safe_filename("a\nb"));
  char msg[32];
  lb_name_printable("line1\nline2", msg, sizeof msg);
  CHECK(!strcmp(msg, "line1\\x0Aline2"));
}

int main(void) {
  test_names_and_ranges();
  test_packing();
  test_names_are_data();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
