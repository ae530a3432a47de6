/* The machine's own limits for `make bench`, one thread:
 *
 *   int8 dot-product peak of one core: independent accumulator chains of
 *   vpdpbusd on zmm registers (_mm512_dpbusd_epi32; 64 u8 x s8
 *   multiply-accumulates per instruction, counted as 128 operations), so the
 *   loop is bound by the instruction's throughput, not its latency. Without
 *   AVX-512 VNNI but with AVX2: independent chains of vpmaddwd on ymm
 *   (_mm256_madd_epi16 + _mm256_add_epi32; 16 multiply-accumulates of 16-bit
 *   codes per instruction, counted as 32 operations), the instruction lowbit's
 *   AVX2 kernels use. Reported as n/a where the compiler target has neither.
 *
 *   DRAM read bandwidth of one thread: sums a buffer far larger than the
 *   caches (1 GiB by default) with several independent accumulators, so the
 *   loop waits on memory only.
 *
 * Each is the best of a few runs: a limit is what the machine can reach.
 * Built by bench/run.py with the same `cc -O3 -march=native` as the models.
 *
 *   peak [--bytes N]   prints  int8_peak_gops=... int8_peak_isa=avx512vnni|avx2|none dram_read_gbs=...
 */
#define _POSIX_C_SOURCE 200809L
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* results go here so the compiler keeps the work that produced them */
static volatile uint64_t sink;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

#ifdef __AVX512VNNI__
/* 16 chains, more than latency x throughput (about 5 cycles x 2 per cycle)
 * of vpdpbusd on current cores. The chains live in named variables inside a
 * function of their own, with no calls around the loop, so that GCC keeps
 * each in one zmm register (an array, or timing calls in the same function,
 * make it copy them between registers and the stack every iteration). */
#define CHAINS 16
#define DP(k) c##k = _mm512_dpbusd_epi32(c##k, a, b)

__attribute__((noinline)) static void dp_loop(long iters, __m512i a, __m512i b, __m512i *acc) {
  __m512i c0 = acc[0], c1 = acc[1], c2 = acc[2], c3 = acc[3], c4 = acc[4], c5 = acc[5], c6 = acc[6], c7 = acc[7],
          c8 = acc[8], c9 = acc[9], c10 = acc[10], c11 = acc[11], c12 = acc[12], c13 = acc[13], c14 = acc[14],
          c15 = acc[15];
  for (long i = 0; i < iters; ++i) {
    DP(0), DP(1), DP(2), DP(3), DP(4), DP(5), DP(6), DP(7);
    DP(8), DP(9), DP(10), DP(11), DP(12), DP(13), DP(14), DP(15);
  }
  acc[0] = c0, acc[1] = c1, acc[2] = c2, acc[3] = c3, acc[4] = c4, acc[5] = c5, acc[6] = c6, acc[7] = c7;
  acc[8] = c8, acc[9] = c9, acc[10] = c10, acc[11] = c11, acc[12] = c12, acc[13] = c13, acc[14] = c14, acc[15] = c15;
}

static double vnni_gops(long iters) {
  /* volatile sources keep the compiler from treating the operands as known */
  static volatile uint8_t ua[64] = {1, 2, 3};
  static volatile int8_t sb[64] = {-1, 2, -3};
  uint8_t a8[64];
  int8_t b8[64];
  for (int i = 0; i < 64; ++i) a8[i] = ua[i], b8[i] = sb[i];
  __m512i acc[CHAINS];
  for (int c = 0; c < CHAINS; ++c) acc[c] = _mm512_set1_epi32(c);
  double t0 = now();
  dp_loop(iters, _mm512_loadu_si512(a8), _mm512_loadu_si512(b8), acc);
  double dt = now() - t0;
  for (int c = 1; c < CHAINS; ++c) acc[0] = _mm512_add_epi32(acc[0], acc[c]);
  sink = (uint64_t)_mm512_reduce_add_epi32(acc[0]);
  return (double)iters * CHAINS * 64 * 2 / dt * 1e-9;
}
#endif

#if !defined(__AVX512VNNI__) && defined(__AVX2__)
/* 12 chains, kept in registers as above. Each multiplies its own
 * accumulator (c += madd(c, b), so the 12 products per iteration are
 * distinct and none can be shared): a chain's latency is vpmaddwd's plus
 * vpaddd's, about 4 cycles, and 12 chains exceed 4 cycles x 2 per cycle. */
#define CHAINS 12
#define DP(k) c##k = _mm256_add_epi32(c##k, _mm256_madd_epi16(c##k, b))

__attribute__((noinline)) static void dp_loop(long iters, __m256i a, __m256i b, __m256i *acc) {
  __m256i c0 = acc[0], c1 = acc[1], c2 = acc[2], c3 = acc[3], c4 = acc[4], c5 = acc[5], c6 = acc[6], c7 = acc[7],
          c8 = acc[8], c9 = acc[9], c10 = acc[10], c11 = acc[11];
  for (long i = 0; i < iters; ++i) {
    DP(0), DP(1), DP(2), DP(3), DP(4), DP(5), DP(6), DP(7), DP(8), DP(9), DP(10), DP(11);
    /* a and b change every iteration as far as the compiler knows, so it
     * cannot hoist the multiplies out of the loop */
    __asm__ volatile("" : "+x"(a), "+x"(b));
  }
  acc[0] = c0, acc[1] = c1, acc[2] = c2, acc[3] = c3, acc[4] = c4, acc[5] = c5, acc[6] = c6, acc[7] = c7;
  acc[8] = c8, acc[9] = c9, acc[10] = c10, acc[11] = c11;
}

static double vnni_gops(long iters) {
  static volatile int16_t ua[16] = {1, 2, 3};
  static volatile int16_t sb[16] = {-1, 2, -3};
  int16_t a16[16], b16[16];
  for (int i = 0; i < 16; ++i) a16[i] = ua[i], b16[i] = sb[i];
  __m256i acc[CHAINS];
  for (int c = 0; c < CHAINS; ++c) acc[c] = _mm256_set1_epi32(c);
  double t0 = now();
  dp_loop(iters, _mm256_loadu_si256((const __m256i *)a16), _mm256_loadu_si256((const __m256i *)b16), acc);
  double dt = now() - t0;
  for (int c = 1; c < CHAINS; ++c) acc[0] = _mm256_add_epi32(acc[0], acc[c]);
  sink = (uint64_t)(uint32_t)_mm256_extract_epi32(acc[0], 0);
  return (double)iters * CHAINS * 16 * 2 / dt * 1e-9;
}
#endif

/* Sum of the buffer as 64-bit words, 8 independent chains. */
static uint64_t read_all(const uint64_t *p, size_t words) {
#ifdef __AVX512F__
  __m512i s0 = _mm512_setzero_si512(), s1 = s0, s2 = s0, s3 = s0;
  for (size_t i = 0; i + 32 <= words; i += 32) {
    s0 = _mm512_add_epi64(s0, _mm512_load_si512(p + i));
    s1 = _mm512_add_epi64(s1, _mm512_load_si512(p + i + 8));
    s2 = _mm512_add_epi64(s2, _mm512_load_si512(p + i + 16));
    s3 = _mm512_add_epi64(s3, _mm512_load_si512(p + i + 24));
  }
  return (uint64_t)_mm512_reduce_add_epi64(_mm512_add_epi64(_mm512_add_epi64(s0, s1), _mm512_add_epi64(s2, s3)));
#else
  uint64_t s[8] = {0};
  for (size_t i = 0; i + 8 <= words; i += 8)
    for (int j = 0; j < 8; ++j) s[j] += p[i + j];
  return s[0] + s[1] + s[2] + s[3] + s[4] + s[5] + s[6] + s[7];
#endif
}

static double dram_gbs(size_t bytes) {
  size_t words = bytes / 8 / 32 * 32;
  uint64_t *p;
  if (posix_memalign((void **)&p, 64, words * 8)) {
    fprintf(stderr, "peak: cannot allocate %zu bytes\n", words * 8);
    exit(1);
  }
  for (size_t i = 0; i < words; ++i) p[i] = i; /* touch every page before timing */
  double best = 0;
  for (int r = 0; r < 5; ++r) {
    double t0 = now();
    sink = read_all(p, words);
    double gbs = (double)words * 8 / (now() - t0) * 1e-9;
    if (gbs > best) best = gbs;
  }
  free(p);
  return best;
}

int main(int argc, char **argv) {
  size_t bytes = (size_t)1 << 30;
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--bytes") && i + 1 < argc) bytes = (size_t)strtoull(argv[++i], NULL, 0);
    else return fprintf(stderr, "usage: peak [--bytes N]\n"), 2;
  }
#if defined(__AVX512VNNI__) || defined(__AVX2__)
  /* warm-up (also lets the core settle at its AVX-512 clock), then the best
   * of 5 runs of about 0.2 s each */
  long iters = 1000;
  for (;;) {
    double t0 = now();
    vnni_gops(iters);
    double dt = now() - t0;
    if (dt >= 0.2) break;
    iters = dt > 0 ? (long)(iters * (0.2 / dt) * 1.1) + 1 : iters * 10;
  }
  double peak = 0;
  for (int r = 0; r < 5; ++r) {
    double g = vnni_gops(iters);
    if (g > peak) peak = g;
  }
#ifdef __AVX512VNNI__
  printf("int8_peak_gops=%.1f int8_peak_isa=avx512vnni ", peak);
#else
  printf("int8_peak_gops=%.1f int8_peak_isa=avx2 ", peak);
#endif
#else
  printf("int8_peak_gops=n/a int8_peak_isa=none ");
#endif
  printf("dram_read_gbs=%.2f\n", dram_gbs(bytes));
  return 0;
}
