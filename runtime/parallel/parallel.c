/* A small fork-join thread pool for code the LLVM backend compiles with
 * --threads N (codegen/llvm/: linked as bitcode into such objects only, so
 * single-threaded objects have no pthread dependency; the program links
 * with -pthread).
 *
 *   lb_parallel_for(n, fn, ctx, nthreads);
 *
 * splits [0, n) into nthreads contiguous ranges of equal size (+-1) and
 * calls fn(ctx, lo, hi) for each non-empty one: range 0 on the calling
 * thread, the others on workers created at the first call (at most
 * LB_PAR_MAX - 1; if creating one fails, fewer ranges run, each larger).
 * It returns when every range is done. Workers wait for work spinning for a
 * short while (back-to-back layers start without a wake-up), then asleep
 * on a condition variable. Calls from several threads at once are
 * serialized. Each object has its own pool (everything in it is internal).
 */
#include <pthread.h>
#include <stdint.h>

typedef void (*lb_par_fn_t)(void *ctx, int64_t lo, int64_t hi);

#define LB_PAR_MAX 64
#define LB_PAR_SPIN 200000 /* polls of the work counter before sleeping */

static struct {
  pthread_mutex_t call;    /* one parallel_for at a time */
  pthread_mutex_t mu;      /* with cv: sleeping workers */
  pthread_cond_t cv;
  int nworkers;            /* created */
  uint64_t gen;            /* bumped per parallel_for (atomic) */
  int pending;             /* workers still running this generation (atomic) */
  lb_par_fn_t fn;
  void *ctx;
  int64_t n;
  int nranges;
  pthread_t th[LB_PAR_MAX];
} lb__par = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, 0, 0, 0, 0, {0}};

static void lb__par_range(int i) {
  int64_t lo = lb__par.n * i / lb__par.nranges, hi = lb__par.n * (i + 1) / lb__par.nranges;
  if (lo < hi) lb__par.fn(lb__par.ctx, lo, hi);
}

static void *lb__par_worker(void *arg) {
  int id = (int)(intptr_t)arg; /* range id (1 ..) */
  uint64_t seen = 0;
  for (;;) {
    uint64_t g = __atomic_load_n(&lb__par.gen, __ATOMIC_ACQUIRE);
    for (int spin = 0; g == seen && spin < LB_PAR_SPIN; ++spin) g = __atomic_load_n(&lb__par.gen, __ATOMIC_ACQUIRE);
    if (g == seen) {
      pthread_mutex_lock(&lb__par.mu);
      while ((g = __atomic_load_n(&lb__par.gen, __ATOMIC_ACQUIRE)) == seen) pthread_cond_wait(&lb__par.cv, &lb__par.mu);
      pthread_mutex_unlock(&lb__par.mu);
    }
    seen = g;
    if (id < lb__par.nranges) lb__par_range(id);
    __atomic_fetch_sub(&lb__par.pending, 1, __ATOMIC_ACQ_REL);
  }
  return 0;
}

void lb_parallel_for(int64_t n, lb_par_fn_t fn, void *ctx, int32_t nthreads) {
  if (nthreads > LB_PAR_MAX) nthreads = LB_PAR_MAX;
  if (nthreads <= 1 || n <= 1) {
    if (n > 0) fn(ctx, 0, n);
    return;
  }
  pthread_mutex_lock(&lb__par.call);
  while (lb__par.nworkers < nthreads - 1 &&
         pthread_create(&lb__par.th[lb__par.nworkers], 0, lb__par_worker, (void *)(intptr_t)(lb__par.nworkers + 1)) == 0)
    ++lb__par.nworkers;
  lb__par.fn = fn;
  lb__par.ctx = ctx;
  lb__par.n = n;
  lb__par.nranges = nthreads - 1 < lb__par.nworkers ? nthreads : lb__par.nworkers + 1;
  __atomic_store_n(&lb__par.pending, lb__par.nworkers, __ATOMIC_RELEASE);
  pthread_mutex_lock(&lb__par.mu);
  __atomic_fetch_add(&lb__par.gen, 1, __ATOMIC_ACQ_REL);
  pthread_cond_broadcast(&lb__par.cv);
  pthread_mutex_unlock(&lb__par.mu);
  lb__par_range(0);
  while (__atomic_load_n(&lb__par.pending, __ATOMIC_ACQUIRE) > 0) {
  }
  pthread_mutex_unlock(&lb__par.call);
}
