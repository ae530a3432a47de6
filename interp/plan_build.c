/* lb module -> execution plan. Binds values to tensors, asks each op's
 * descriptor to lower itself (interp/lower.h) and places scratch memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/interp.h"
#include "interp/lower.h"
#include "ir/lb_target.h"
#include "runtime/kernels/cast.h"
#include "runtime/kernels/layout.h"
#include "support/checked.h"
#include "support/hashmap.h"

struct lb_lower_s {
  lb_plan_t *plan;
  int32_t cap_tensors, cap_steps;
  lb_hashmap_t values; /* MlirValue.ptr -> tensor id */
  char isa[32];
  int32_t op_index;
};

#define OOM() LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory")

/* Adds a tensor; returns its id or -1 on OOM / overflow. */
static int32_t lb_new_tensor(lb_lower_t *lw, lb_dtype_t dt, int32_t rank, const int64_t *dims, lb_mem_kind_t mem) {
  lb_plan_t *p = lw->plan;
  if (p->ntensors == lw->cap_tensors) {
    if (lw->cap_tensors > INT32_MAX / 4) return -1;
    int32_t cap = lw->cap_tensors ? lw->cap_tensors * 2 : 64;
    lb_plan_tensor_t *t = realloc(p->tensors, sizeof *t * (size_t)cap);
    if (!t) return -1;
    p->tensors = t;
    lw->cap_tensors = cap;
  }
  int64_t n = lb_dims_count(rank, dims), es = (int64_t)lb_dtype_size(dt), bytes;
  /* bytes + 15 for the 16-byte rounding of the memory planner must fit too */
  if (n < 0 || es == 0 || !lb_mul_i64(n, es, &bytes) || bytes > INT64_MAX - 16) return -1;
  lb_plan_tensor_t *t = &p->tensors[p->ntensors];
  memset(t, 0, sizeof *t);
  t->dtype = dt;
  t->rank = rank;
  memcpy(t->dims, dims, sizeof(int64_t) * (size_t)rank);
  t->nbytes = bytes;
  t->mem = mem;
  t->alias_of = -1;
  return p->ntensors++;
}

static lb_status_t lb_bind(lb_lower_t *lw, MlirValue v, int32_t id) {
  return lb_hashmap_put_ptr(&lw->values, v.ptr, id) ? LB_OK : OOM();
}

static lb_status_t lb_value_tensor(lb_lower_t *lw, MlirOperation op, MlirValue v, lb_mem_kind_t mem, int32_t *id) {
  int32_t rank;
  int64_t d[LB_MAX_RANK];
  lb_dtype_t dt;
  MlirType t = mlirValueGetType(v);
  if (!lb_type_get_shape(t, &rank, d) || !lb_type_to_dtype(mlirShapedTypeGetElementType(t), &dt))
    return lb_op_error(op, LB_STATUS_UNIMPLEMENTED, "unsupported tensor type");
  for (int32_t i = 0; i < rank; ++i)
    if (d[i] == LB_DYN)
      return lb_op_error(op, LB_STATUS_INVALID_ARGUMENT,
                         "dynamic shape; give every symbolic input dim a size first (--batch, --shape)");
  *id = lb_new_tensor(lw, dt, rank, d, mem);
  return *id < 0 ? lb_op_error(op, LB_STATUS_OUT_OF_RANGE, "tensor too large or out of memory") : LB_OK;
}

/* Appends a step with a copy of params. */
static lb_status_t lb_add_step(lb_lower_t *lw, const lb_kernel_t *k, const void *params, size_t size, const int32_t *in,
                               int32_t nin, int32_t out) {
  lb_plan_t *p = lw->plan;
  if (p->nsteps == lw->cap_steps) {
    int32_t cap = lw->cap_steps ? lw->cap_steps * 2 : 64;
    lb_plan_step_t *s = realloc(p->steps, sizeof *s * (size_t)cap);
    if (!s) return OOM();
    p->steps = s;
    lw->cap_steps = cap;
  }
  lb_plan_step_t *s = &p->steps[p->nsteps];
  memset(s, 0, sizeof *s);
  s->params = malloc(size ? size : 1);
  if (!s->params) return OOM();
  memcpy(s->params, params, size);
  p->nsteps++;
  s->kernel = k;
  s->nin = nin;
  for (int32_t i = 0; i < LB_KERNEL_MAX_INPUTS; ++i) s->in[i] = i < nin ? in[i] : -1;
  s->out = out;
  s->op_index = lw->op_index;
  return LB_OK;
}

/* ---- lower.h ---- */

lb_status_t lb_lower_operand(lb_lower_t *lw, MlirOperation op, intptr_t i, int32_t *id) {
  int64_t v;
  if (i >= mlirOperationGetNumOperands(op) || !lb_hashmap_get_ptr(&lw->values, mlirOperationGetOperand(op, i).ptr, &v))
    return lb_op_error(op, LB_STATUS_INTERNAL, "operand #%d is not defined before use", (int)i);
  *id = (int32_t)v;
  return LB_OK;
}

lb_status_t lb_lower_const_operand(lb_lower_t *lw, MlirOperation op, intptr_t i, lb_dtype_t as, int32_t *id,
                                   int64_t *count) {
  lb_tensor_t t;
  LB_RETURN_IF_ERROR(lb_operand_read_as(op, i, as, &t));
  int32_t tid = lb_new_tensor(lw, as, t.rank, t.dims, LB_MEM_CONST);
  if (tid < 0) {
    lb_tensor_free(&t);
    return OOM();
  }
  lw->plan->tensors[tid].data = t.data; /* ownership moves to the plan */
  char name[256];
  MlirOperation def = lb_value_def(mlirOperationGetOperand(op, i));
  if (lb_location_name(mlirOperationGetLocation(def), name, sizeof name)) lw->plan->tensors[tid].name = strdup(name);
  if (count) *count = lb_tensor_count(&t);
  *id = tid;
  return LB_OK;
}

lb_status_t lb_lower_param_operand(lb_lower_t *lw, MlirOperation op, intptr_t i, lb_dtype_t as, int32_t *id,
                                   int64_t *count) {
  MlirValue v = mlirOperationGetOperand(op, i);
  if (lb_value_is_constant(v)) return lb_lower_const_operand(lw, op, i, as, id, count);
  int32_t src;
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, i, &src));
  int64_t n = lb_value_count(v);
  if (count) *count = n;
  if (lw->plan->tensors[src].dtype == as) {
    *id = src;
    return LB_OK;
  }
  const lb_kernel_t *k = lb_kernel_find("cast", lw->isa);
  if (!k) return lb_op_error(op, LB_STATUS_INTERNAL, "no cast kernel");
  int64_t d[1] = {n};
  *id = lb_new_tensor(lw, as, 1, d, LB_MEM_SCRATCH);
  if (*id < 0) return OOM();
  lb_cast_params_t p = {.count = n, .src = lw->plan->tensors[src].dtype, .dst = as};
  return lb_add_step(lw, k, &p, sizeof p, &src, 1, *id);
}

lb_status_t lb_lower_workspace(lb_lower_t *lw, MlirOperation op, int64_t nbytes, int32_t *id) {
  int64_t d[1] = {nbytes > 0 ? nbytes : 1};
  *id = lb_new_tensor(lw, LB_DT_U8, 1, d, LB_MEM_SCRATCH);
  return *id < 0 ? lb_op_error(op, LB_STATUS_OUT_OF_RANGE, "workspace too large or out of memory") : LB_OK;
}

MlirOperation lb_lower_sole_user(MlirOperation op, lb_op_kind_t kind) {
  MlirOperation none = {NULL};
  if (mlirOperationGetNumResults(op) != 1) return none;
  MlirOpOperand use = mlirValueGetFirstUse(mlirOperationGetResult(op, 0));
  if (mlirOpOperandIsNull(use) || !mlirOpOperandIsNull(mlirOpOperandGetNextUse(use)) ||
      mlirOpOperandGetOperandNumber(use) != 0)
    return none;
  MlirOperation user = mlirOpOperandGetOwner(use);
  return lb_op_get_kind(user) == kind ? user : none;
}

static lb_status_t lb_lower_step_result(lb_lower_t *lw, MlirOperation op, MlirOperation producer, const char *kernel,
                                        const void *params, const lb_params_desc_t *desc, const int32_t *in,
                                        int32_t nin) {
  const lb_kernel_t *k = lb_kernel_find(kernel, lw->isa);
  if (!k) return lb_op_error(op, LB_STATUS_UNIMPLEMENTED, "no kernel '%s'", kernel);
  if (k->params != desc || k->nin != nin || nin > LB_KERNEL_MAX_INPUTS)
    return lb_op_error(op, LB_STATUS_INTERNAL, "kernel '%s' takes %s and %d inputs, got %s and %d inputs", kernel,
                       k->params->type_name, k->nin, desc->type_name, nin);
  size_t size = desc->size;
  int32_t out;
  LB_RETURN_IF_ERROR(lb_value_tensor(lw, producer, lb_op_result(op), LB_MEM_SCRATCH, &out));
  LB_RETURN_IF_ERROR(lb_add_step(lw, k, params, size, in, nin, out));
  if (mlirOperationEqual(op, producer)) lw->plan->op_results[lw->op_index] = out;
  return lb_bind(lw, lb_op_result(op), out);
}

lb_status_t lb_lower_step(lb_lower_t *lw, MlirOperation op, const char *kernel, const void *params,
                          const lb_params_desc_t *desc, const int32_t *in, int32_t nin) {
  return lb_lower_step_result(lw, op, op, kernel, params, desc, in, nin);
}

lb_status_t lb_lower_step_fused(lb_lower_t *lw, MlirOperation op, MlirOperation consumer, const char *kernel,
                                const void *params, const lb_params_desc_t *desc, const int32_t *in, int32_t nin) {
  return lb_lower_step_result(lw, consumer, op, kernel, params, desc, in, nin);
}

lb_status_t lb_lower_step_operands(lb_lower_t *lw, MlirOperation op, const char *kernel, const void *params,
                                   const lb_params_desc_t *desc) {
  int32_t in[LB_KERNEL_MAX_INPUTS];
  intptr_t n = mlirOperationGetNumOperands(op);
  if (n > LB_KERNEL_MAX_INPUTS) return lb_op_error(op, LB_STATUS_INTERNAL, "too many operands for a kernel");
  for (intptr_t i = 0; i < n; ++i) LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, i, &in[i]));
  return lb_lower_step(lw, op, kernel, params, desc, in, (int32_t)n);
}

lb_status_t lb_lower_alias(lb_lower_t *lw, MlirOperation op) {
  int32_t src, id;
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 0, &src));
  LB_RETURN_IF_ERROR(lb_value_tensor(lw, op, lb_op_result(op), lw->plan->tensors[src].mem, &id));
  lw->plan->tensors[id].alias_of = src;
  lw->plan->op_results[lw->op_index] = id;
  return lb_bind(lw, lb_op_result(op), id);
}

lb_status_t lb_lower_const_tensor(lb_lower_t *lw, MlirOperation op, lb_tensor_t *t, const char *what, int32_t *id) {
  int32_t tid = lb_new_tensor(lw, t->dtype, t->rank, t->dims, LB_MEM_CONST);
  if (tid < 0) {
    lb_tensor_free(t);
    return OOM();
  }
  lw->plan->tensors[tid].data = t->data; /* ownership moves to the plan */
  t->data = NULL;
  char name[256], full[300];
  if (lb_location_name(mlirOperationGetLocation(op), name, sizeof name)) {
    snprintf(full, sizeof full, "%s.%s", name, what);
    lw->plan->tensors[tid].name = strdup(full);
  }
  *id = tid;
  return LB_OK;
}

lb_status_t lb_lower_constant(lb_lower_t *lw, MlirOperation op) {
  lb_tensor_t t;
  lb_status_t st = lb_constant_view(op, &t); /* weights are not copied: the plan borrows them */
  if (st) return lb_op_annotate(op, st);
  int32_t id = lb_new_tensor(lw, t.dtype, t.rank, t.dims, LB_MEM_CONST);
  if (id < 0) {
    lb_tensor_free(&t);
    return OOM();
  }
  lb_plan_tensor_t *pt = &lw->plan->tensors[id];
  pt->data = t.data; /* ownership (if any) moves to the plan */
  pt->borrowed = t.borrowed;
  char name[256];
  if (lb_location_name(mlirOperationGetLocation(op), name, sizeof name)) pt->name = strdup(name);
  lw->plan->op_results[lw->op_index] = id;
  return lb_bind(lw, lb_op_result(op), id);
}

/* ---- memory ---- */

typedef struct {
  int32_t id;
  int32_t first, last;
} lb_life_t;

static int lb_life_cmp(const void *a, const void *b) {
  const lb_life_t *x = a, *y = b;
  return x->first != y->first ? (x->first < y->first ? -1 : 1) : (x->id < y->id ? -1 : x->id > y->id);
}

/* Linear scan in order of first definition: expired blocks are released,
 * each new tensor takes the lowest gap between live blocks that fits.
 * O(n * live) instead of quadratic in the graph size. */
static lb_status_t lb_plan_memory(lb_plan_t *p) {
  int32_t n = p->ntensors;
  int32_t *first = malloc(sizeof(int32_t) * (size_t)(n ? n : 1));
  int32_t *last = malloc(sizeof(int32_t) * (size_t)(n ? n : 1));
  lb_life_t *order = malloc(sizeof(lb_life_t) * (size_t)(n ? n : 1));
  lb_life_t *live = malloc(sizeof(lb_life_t) * (size_t)(n ? n : 1));
  lb_status_t st = LB_OK;
  if (!first || !last || !order || !live) {
    st = OOM();
    goto done;
  }
  for (int32_t i = 0; i < n; ++i) first[i] = last[i] = -1;
  for (int32_t s = 0; s < p->nsteps; ++s) {
    int32_t o = lb_plan_root(p, p->steps[s].out);
    if (first[o] < 0) first[o] = s;
    if (last[o] < s) last[o] = s;
    for (int32_t i = 0; i < p->steps[s].nin; ++i) {
      if (p->steps[s].in[i] < 0) continue;
      int32_t r = lb_plan_root(p, p->steps[s].in[i]);
      if (first[r] < 0) first[r] = s; /* a workspace: live during its step only */
      if (last[r] < s) last[r] = s;
    }
  }
  int32_t m = 0;
  for (int32_t i = 0; i < n; ++i)
    if (p->tensors[i].mem == LB_MEM_SCRATCH && p->tensors[i].alias_of < 0 && first[i] >= 0)
      order[m++] = (lb_life_t){i, first[i], last[i]};
  qsort(order, (size_t)m, sizeof *order, lb_life_cmp);
  int32_t nlive = 0; /* sorted by offset */
  int64_t total = 0;
  for (int32_t i = 0; i < m; ++i) {
    lb_life_t t = order[i];
    /* release blocks whose last use is before this definition */
    int32_t k = 0;
    for (int32_t j = 0; j < nlive; ++j)
      if (live[j].last >= t.first) live[k++] = live[j];
    nlive = k;
    int64_t size = (p->tensors[t.id].nbytes + 15) / 16 * 16, end;
    int64_t off = 0;
    int32_t at = 0;
    for (; at < nlive; ++at) {
      const lb_plan_tensor_t *u = &p->tensors[live[at].id];
      if (off + size <= u->offset) break;
      int64_t end = u->offset + (u->nbytes + 15) / 16 * 16;
      if (end > off) off = end;
    }
    if (!lb_add_i64(off, size, &end)) {
      st = LB_ERROR(LB_STATUS_OUT_OF_RANGE, "scratch memory above 2^63 bytes");
      goto done;
    }
    p->tensors[t.id].offset = off;
    memmove(&live[at + 1], &live[at], sizeof *live * (size_t)(nlive - at));
    live[at] = t;
    nlive++;
    if (end > total) total = end;
  }
  p->scratch_size = total;
done:
  free(first);
  free(last);
  free(order);
  free(live);
  return st;
}

/* ---- the walk ---- */

lb_status_t lb_plan_build(MlirModule module, lb_plan_t *plan) {
  memset(plan, 0, sizeof *plan);
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "module has no function with a body");
  lb_target_t target;
  LB_RETURN_IF_ERROR(lb_target_of(module, &target));
  lb_lower_t lw;
  memset(&lw, 0, sizeof lw);
  lw.plan = plan;
  /* A target asking for kernels this build does not have is an error, not
   * a silent fall back to the reference kernels for every op. (FPGA
   * targets name their HLS flavour there; their plan runs the reference.) */
  if (!strcmp(target.kind, "cpu") && !lb_kernel_isa_known(target.isa))
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "target '%s': no kernels for isa '%s' in this build (available: generic)",
                    target.name, target.isa);
  snprintf(lw.isa, sizeof lw.isa, "%s", target.isa);
  lb_hashmap_init(&lw.values);
  lb_status_t st = LB_OK;
  MlirBlock body = lb_func_get_body(func);
  intptr_t nin = mlirBlockGetNumArguments(body);
  MlirOperation ret = lb_func_get_return(func);
  intptr_t nout = mlirOperationGetNumOperands(ret);
  int32_t nops = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    nops++;
  plan->ninputs = (int32_t)nin;
  plan->noutputs = (int32_t)nout;
  plan->nops = nops;
  plan->target = strdup(target.name);
  plan->input_ids = calloc((size_t)nin + 1, sizeof(int32_t));
  plan->output_ids = calloc((size_t)nout + 1, sizeof(int32_t));
  plan->input_names = calloc((size_t)nin + 1, sizeof(char *));
  plan->output_names = calloc((size_t)nout + 1, sizeof(char *));
  plan->op_results = malloc(sizeof(int32_t) * (size_t)(nops + 1));
  if (!plan->target || !plan->input_ids || !plan->output_ids || !plan->input_names || !plan->output_names ||
      !plan->op_results) {
    st = OOM();
    goto fail;
  }
  for (int32_t i = 0; i < nops; ++i) plan->op_results[i] = -1;
  for (intptr_t i = 0; i < nin; ++i) {
    MlirValue arg = mlirBlockGetArgument(body, i);
    int32_t id;
    if ((st = lb_value_tensor(&lw, func, arg, LB_MEM_INPUT, &id))) goto fail;
    plan->tensors[id].index = (int32_t)i;
    plan->input_ids[i] = id;
    char name[1024];
    lb_func_input_name(func, i, name, sizeof name);
    if (!(plan->input_names[i] = strdup(name))) {
      st = OOM();
      goto fail;
    }
    if ((st = lb_bind(&lw, arg, id))) goto fail;
  }
  lw.op_index = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op), ++lw.op_index) {
    if (mlirOperationEqual(op, ret)) break;
    const lb_op_desc_t *d = lb_op_desc(op);
    if (!d) {
      MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
      st = lb_op_error(op, LB_STATUS_UNIMPLEMENTED, "op '%.*s' is not an lb op", (int)n.length, n.data);
      goto fail;
    }
    int64_t done;
    if (mlirOperationGetNumResults(op) == 1 && lb_hashmap_get_ptr(&lw.values, mlirOperationGetResult(op, 0).ptr, &done)) {
      plan->op_results[lw.op_index] = (int32_t)done; /* computed by a fused step of its producer */
      continue;
    }
    if (!d->lower) {
      st = lb_op_error(op, LB_STATUS_UNIMPLEMENTED, "has no kernel; run the passes that lower it first");
      goto fail;
    }
    if ((st = d->lower(&lw, op))) goto fail;
  }
  for (intptr_t i = 0; i < nout; ++i) {
    int64_t v;
    char name[1024];
    lb_func_output_name(func, i, name, sizeof name);
    if (!(plan->output_names[i] = strdup(name))) {
      st = OOM();
      goto fail;
    }
    if (!lb_hashmap_get_ptr(&lw.values, mlirOperationGetOperand(ret, i).ptr, &v)) {
      st = LB_ERROR(LB_STATUS_INTERNAL, "graph output %d is undefined", (int)i);
      goto fail;
    }
    int32_t id = (int32_t)v, root = lb_plan_root(plan, id);
    if (plan->tensors[root].mem == LB_MEM_SCRATCH) {
      /* the producer writes straight into the caller's buffer */
      plan->tensors[root].mem = LB_MEM_OUTPUT;
      plan->tensors[root].index = (int32_t)i;
      plan->output_ids[i] = id;
      continue;
    }
    /* input, constant or an output returned twice: copy into the buffer */
    lb_plan_tensor_t src = plan->tensors[id];
    int32_t out = lb_new_tensor(&lw, src.dtype, src.rank, src.dims, LB_MEM_OUTPUT);
    if (out < 0) {
      st = OOM();
      goto fail;
    }
    plan->tensors[out].index = (int32_t)i;
    lb_copy_params_t cp = {.nbytes = src.nbytes};
    if ((st = lb_add_step(&lw, lb_kernel_find("copy", lw.isa), &cp, sizeof cp, &id, 1, out))) goto fail;
    plan->output_ids[i] = out;
  }
  if ((st = lb_plan_memory(plan))) goto fail;
  lb_hashmap_free(&lw.values);
  return LB_OK;
fail:
  lb_hashmap_free(&lw.values);
  lb_plan_free(plan);
  return st;
}

/* ---- running on host tensors ---- */

static void lb_shape_str(const int64_t *d, int32_t r, char *buf, size_t n) {
  buf[0] = 0;
  for (int32_t i = 0; i < r; ++i) snprintf(buf + strlen(buf), n - strlen(buf), "%s%lld", i ? "x" : "", (long long)d[i]);
  if (!r) snprintf(buf, n, "scalar");
}

lb_status_t lb_interp_run(const lb_plan_t *plan, const lb_tensor_t *inputs, lb_tensor_t *outputs,
                          lb_plan_observer_t observer, void *user) {
  const void **ins = calloc((size_t)plan->ninputs + 1, sizeof *ins);
  void **outs = calloc((size_t)plan->noutputs + 1, sizeof *outs);
  void *scratch = NULL;
  lb_status_t st = LB_OK;
  int32_t nalloc = 0;
  if (!ins || !outs) {
    st = OOM();
    goto done;
  }
  for (int32_t i = 0; i < plan->ninputs; ++i) {
    const lb_plan_tensor_t *t = &plan->tensors[plan->input_ids[i]];
    const lb_tensor_t *x = &inputs[i];
    bool same = x->dtype == t->dtype && x->rank == t->rank;
    for (int32_t d = 0; same && d < t->rank; ++d) same = x->dims[d] == t->dims[d];
    if (!same) {
      char want[128], have[128];
      lb_shape_str(t->dims, t->rank, want, sizeof want);
      lb_shape_str(x->dims, x->rank, have, sizeof have);
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "input '%s' has shape %s (%s), the model expects %s (%s)",
                    plan->input_names[i], have, lb_dtype_name(x->dtype), want, lb_dtype_name(t->dtype));
      goto done;
    }
    ins[i] = x->data;
  }
  for (; nalloc < plan->noutputs; ++nalloc) {
    const lb_plan_tensor_t *t = &plan->tensors[plan->output_ids[nalloc]];
    if (lb_tensor_alloc(&outputs[nalloc], t->dtype, t->rank, t->dims)) {
      st = OOM();
      goto done;
    }
    outs[nalloc] = outputs[nalloc].data;
  }
  scratch = aligned_alloc(16, (size_t)(plan->scratch_size + 16) / 16 * 16);
  if (!scratch) {
    st = OOM();
    goto done;
  }
  lb_plan_run(plan, ins, outs, scratch, observer, user);
done:
  if (st)
    for (int32_t i = 0; i < nalloc; ++i) lb_tensor_free(&outputs[i]);
  free(scratch);
  free(ins);
  free(outs);
  return st;
}
