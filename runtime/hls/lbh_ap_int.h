/* Arbitrary-width integers for lowbit's HLS projects: ap_int<W> (signed)
 * and ap_uint<W> (unsigned), 1 <= W <= 64.
 *
 * When the vendor's <ap_int.h> is on the include path (Vitis HLS, or
 * LBH_VENDOR_HEADERS defined), it is used. Otherwise this header defines the
 * two templates with the vendor's semantics for what lowbit's templates use:
 *
 *   - construction and assignment from any integer or ap type keep the low
 *     W bits of the two's-complement value (wrap, the vendor's AP_WRAP
 *     default), sign-extended for ap_int and zero-extended for ap_uint;
 *   - conversion to a C integer (explicit `(long long)x` or implicit) gives
 *     that value exactly;
 *   - arithmetic happens in long long after conversion; compound operators
 *     (+=, -=, *=) wrap the result back to W bits.
 *
 * lowbit's generated code never relies on wrapping: accumulators are sized
 * from the weights so that no sum can overflow, and every narrowing goes
 * through an explicit saturation (lbh_layers.h). So the vendor's wider
 * intermediate results and these long long ones agree bit for bit.
 */
#ifndef LBH_AP_INT_H
#define LBH_AP_INT_H

#if !defined(LBH_OWN_HEADERS) && (defined(LBH_VENDOR_HEADERS) || (defined(__has_include) && __has_include(<ap_int.h>)))
#include <ap_int.h>
#else

template <int W, bool S>
struct lbh_ap_base {
  static_assert(W >= 1 && W <= 64, "ap_int widths are 1..64 bits here");
  long long v; /* the value, already reduced to W bits */

  /* constexpr (C++11 form: one return) so that ROM arrays of ap types are
   * constant-initialized: no start-up code, fast to compile */
  static constexpr unsigned long long mask() { return W == 64 ? ~0ULL : (1ULL << (W % 64)) - 1; }
  static constexpr long long reduce(unsigned long long u) {
    return W == 64 ? (long long)u
           : (S && ((u & mask()) >> (W - 1)) & 1ULL) ? -(long long)(~u & mask()) - 1
                                                    : (long long)(u & mask());
  }
  constexpr lbh_ap_base() : v(0) {}
  constexpr lbh_ap_base(long long x) : v(reduce((unsigned long long)x)) {}
  constexpr operator long long() const { return v; }
  constexpr long long to_int64() const { return v; }
  constexpr int to_int() const { return (int)v; }
};

template <int W>
struct ap_int : lbh_ap_base<W, true> {
  constexpr ap_int() {}
  constexpr ap_int(long long x) : lbh_ap_base<W, true>(x) {}
  constexpr ap_int(int x) : lbh_ap_base<W, true>((long long)x) {}
  constexpr ap_int(unsigned x) : lbh_ap_base<W, true>((long long)x) {}
  constexpr ap_int(long x) : lbh_ap_base<W, true>((long long)x) {}
  template <int W2, bool S2>
  constexpr ap_int(const lbh_ap_base<W2, S2> &o) : lbh_ap_base<W, true>(o.v) {}
  ap_int &operator+=(long long x) { *this = ap_int(this->v + x); return *this; }
  ap_int &operator-=(long long x) { *this = ap_int(this->v - x); return *this; }
  ap_int &operator*=(long long x) { *this = ap_int(this->v * x); return *this; }
};

template <int W>
struct ap_uint : lbh_ap_base<W, false> {
  constexpr ap_uint() {}
  constexpr ap_uint(long long x) : lbh_ap_base<W, false>(x) {}
  constexpr ap_uint(int x) : lbh_ap_base<W, false>((long long)x) {}
  constexpr ap_uint(unsigned x) : lbh_ap_base<W, false>((long long)x) {}
  constexpr ap_uint(long x) : lbh_ap_base<W, false>((long long)x) {}
  template <int W2, bool S2>
  constexpr ap_uint(const lbh_ap_base<W2, S2> &o) : lbh_ap_base<W, false>(o.v) {}
  ap_uint &operator+=(long long x) { *this = ap_uint(this->v + x); return *this; }
  ap_uint &operator-=(long long x) { *this = ap_uint(this->v - x); return *this; }
  ap_uint &operator*=(long long x) { *this = ap_uint(this->v * x); return *this; }
};

#endif
#endif
