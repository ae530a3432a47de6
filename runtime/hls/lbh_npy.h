/* .npy files for the C-simulation testbench (host code, not synthesized):
 * float32 arrays, C order, little-endian (numpy's '<f4'), format 1.0 to 3.0.
 *
 *   std::vector<float> x; std::vector<long> shape; std::string err;
 *   if (!lbh::npy_read("x.npy", x, shape, err)) { fprintf(stderr, "%s\n", err.c_str()); ... }
 *   lbh::npy_write("y.npy", y, shape, err);
 */
#ifndef LBH_NPY_H
#define LBH_NPY_H

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace lbh {

inline bool npy_fail(std::string &err, const char *path, const char *what) {
  err = std::string(path) + ": " + what;
  return false;
}

/* The value of `key` in the header dict ("'descr': '<f4'" -> "'<f4'"). */
inline std::string npy_field(const std::string &h, const char *key) {
  std::string k = std::string("'") + key + "'";
  size_t p = h.find(k);
  if (p == std::string::npos) return "";
  p = h.find(':', p + k.size());
  if (p == std::string::npos) return "";
  ++p;
  while (p < h.size() && h[p] == ' ') ++p;
  size_t e = p;
  if (e < h.size() && h[e] == '(') e = h.find(')', e);
  else
    while (e < h.size() && h[e] != ',' && h[e] != '}') ++e;
  if (e == std::string::npos) return "";
  return h.substr(p, e - p + (h[p] == '(' ? 1 : 0));
}

inline bool npy_read(const char *path, std::vector<float> &data, std::vector<long> &shape, std::string &err) {
  FILE *f = std::fopen(path, "rb");
  if (!f) return npy_fail(err, path, "cannot open");
  unsigned char pre[10];
  if (std::fread(pre, 1, 8, f) != 8 || std::memcmp(pre, "\x93NUMPY", 6)) {
    std::fclose(f);
    return npy_fail(err, path, "not a .npy file");
  }
  unsigned long hlen = 0;
  if (pre[6] == 1) {
    if (std::fread(pre + 8, 1, 2, f) != 2) { std::fclose(f); return npy_fail(err, path, "truncated header"); }
    hlen = pre[8] | (unsigned long)pre[9] << 8;
  } else if (pre[6] == 2 || pre[6] == 3) {
    unsigned char l[4];
    if (std::fread(l, 1, 4, f) != 4) { std::fclose(f); return npy_fail(err, path, "truncated header"); }
    hlen = l[0] | (unsigned long)l[1] << 8 | (unsigned long)l[2] << 16 | (unsigned long)l[3] << 24;
  } else {
    std::fclose(f);
    return npy_fail(err, path, "unsupported .npy version");
  }
  if (hlen > 65536) { std::fclose(f); return npy_fail(err, path, "header too long"); }
  std::string h(hlen, ' ');
  if (hlen && std::fread(&h[0], 1, hlen, f) != hlen) { std::fclose(f); return npy_fail(err, path, "truncated header"); }
  if (npy_field(h, "descr") != "'<f4'") { std::fclose(f); return npy_fail(err, path, "expected float32 ('<f4') data"); }
  if (npy_field(h, "fortran_order") != "False") { std::fclose(f); return npy_fail(err, path, "Fortran order is not supported"); }
  std::string s = npy_field(h, "shape");
  if (s.size() < 2 || s[0] != '(') { std::fclose(f); return npy_fail(err, path, "bad shape"); }
  shape.clear();
  long count = 1;
  for (size_t p = 1; p < s.size() && s[p] != ')';) {
    while (p < s.size() && (s[p] == ' ' || s[p] == ',')) ++p;
    if (p >= s.size() || s[p] == ')') break;
    long d = 0;
    if (s[p] < '0' || s[p] > '9') { std::fclose(f); return npy_fail(err, path, "bad shape"); }
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      d = d * 10 + (s[p++] - '0');
      if (d > (1L << 40)) { std::fclose(f); return npy_fail(err, path, "dimension too large"); }
    }
    shape.push_back(d);
    count *= d;
    if (count > (1L << 31)) { std::fclose(f); return npy_fail(err, path, "array too large"); }
  }
  data.assign((size_t)count, 0.0f);
  for (long i = 0; i < count; ++i) {
    unsigned char b[4];
    if (std::fread(b, 1, 4, f) != 4) { std::fclose(f); return npy_fail(err, path, "truncated data"); }
    uint32_t u = b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    std::memcpy(&data[(size_t)i], &u, 4);
  }
  std::fclose(f);
  return true;
}

inline bool npy_write(const char *path, const std::vector<float> &data, const std::vector<long> &shape, std::string &err) {
  std::string h = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < shape.size(); ++i) h += std::to_string(shape[i]) + (shape.size() == 1 || i + 1 < shape.size() ? "," : "");
  h += "), }";
  while ((10 + h.size() + 1) % 64) h += ' ';
  h += '\n';
  FILE *f = std::fopen(path, "wb");
  if (!f) return npy_fail(err, path, "cannot create");
  unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (unsigned char)(h.size() & 255), (unsigned char)(h.size() >> 8)};
  bool ok = std::fwrite(pre, 1, 10, f) == 10 && std::fwrite(h.data(), 1, h.size(), f) == h.size();
  for (size_t i = 0; ok && i < data.size(); ++i) {
    uint32_t u;
    std::memcpy(&u, &data[i], 4);
    unsigned char b[4] = {(unsigned char)u, (unsigned char)(u >> 8), (unsigned char)(u >> 16), (unsigned char)(u >> 24)};
    ok = std::fwrite(b, 1, 4, f) == 4;
  }
  if (std::fclose(f) != 0) ok = false;
  return ok ? true : npy_fail(err, path, "write failed");
}

}  // namespace lbh
#endif
