/* Streams between the layers of a lowbit HLS design: hls::stream<T>.
 *
 * With the vendor's <hls_stream.h> on the include path (Vitis HLS, or
 * LBH_VENDOR_HEADERS defined) that header is used. Otherwise this one
 * defines hls::stream<T> with the vendor's C-simulation semantics for what
 * lowbit uses: an unbounded FIFO with write(), read(), empty(), size() and
 * a name for messages. Reading an empty stream is a design error: the
 * vendor's simulation warns and returns garbage; here it prints the
 * stream's name and exits with status 3, so a C simulation never returns
 * made-up values.
 */
#ifndef LBH_STREAM_H
#define LBH_STREAM_H

#if !defined(LBH_OWN_HEADERS) && (defined(LBH_VENDOR_HEADERS) || (defined(__has_include) && __has_include(<hls_stream.h>)))
#include <hls_stream.h>
#else
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>

namespace hls {
template <class T>
class stream {
 public:
  stream() : name_("stream") {}
  explicit stream(const char *name) : name_(name) {}
  void write(const T &v) { q_.push_back(v); }
  T read() {
    if (q_.empty()) {
      std::fprintf(stderr, "error: read from the empty stream '%s' (the design reads more than it was given)\n",
                   name_.c_str());
      std::exit(3);
    }
    T v = q_.front();
    q_.pop_front();
    return v;
  }
  bool empty() const { return q_.empty(); }
  size_t size() const { return q_.size(); }
  const char *name() const { return name_.c_str(); }

 private:
  stream(const stream &);
  stream &operator=(const stream &);
  std::deque<T> q_;
  std::string name_;
};
}  // namespace hls
#endif
#endif
