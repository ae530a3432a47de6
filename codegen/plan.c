/* lb module -> execution plan. */
#include "codegen/plan.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  lb_plan_t *plan;
  int32_t cap_tensors, cap_steps;
  /* MlirValue -> tensor id, linear map (graphs here have at most thousands of values) */
  const void **keys;
  int32_t *ids;
  int32_t nmap, cap_map;
} lb_pb_t;

#define PB_FAIL(op, code, ...) lb_pb_located((op), LB_ERROR((code), __VA_ARGS__))

static lb_status_t lb_pb_located(MlirOperation op, lb_status_t st) {
  char loc[512];
  lb_location_format(mlirOperationGetLocation(op), loc, sizeof loc);
  return lb_status_annotate(st, "%s: '%s'", loc, lb_op_kind_name(lb_op_get_kind(op)));
}

static int32_t lb_pb_lookup(lb_pb_t *pb, MlirValue v) {
  for (int32_t i = pb->nmap - 1; i >= 0; --i)
    if (pb->keys[i] == v.ptr) return pb->ids[i];
  return -1;
}

static lb_status_t lb_pb_bind(lb_pb_t *pb, MlirValue v, int32_t id) {
  if (pb->nmap == pb->cap_map) {
    int32_t cap = pb->cap_map ? pb->cap_map * 2 : 64;
    const void **k = realloc(pb->keys, sizeof *k * (size_t)cap);
    if (!k) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    pb->keys = k;
    int32_t *ids = realloc(pb->ids, sizeof *ids * (size_t)cap);
    if (!ids) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    pb->ids = ids;
    pb->cap_map = cap;
  }
  pb->keys[pb->nmap] = v.ptr;
  pb->ids[pb->nmap++] = id;
  return LB_OK;
}

/* Adds a tensor; returns its id or -1 on OOM. */
static int32_t lb_pb_tensor(lb_pb_t *pb, lb_dtype_t dt, int32_t rank, const int64_t *dims, lb_mem_kind_t mem) {
  lb_plan_t *p = pb->plan;
  if (p->ntensors == pb->cap_tensors) {
    int32_t cap = pb->cap_tensors ? pb->cap_tensors * 2 : 64;
    lb_plan_tensor_t *t = realloc(p->tensors, sizeof *t * (size_t)cap);
    if (!t) return -1;
    p->tensors = t;
    pb->cap_tensors = cap;
  }
  lb_plan_tensor_t *t = &p->tensors[p->ntensors];
  memset(t, 0, sizeof *t);
  t->dtype = dt;
  t->rank = rank;
  memcpy(t->dims, dims, sizeof(int64_t) * (size_t)rank);
  t->nbytes = lb_dims_count(rank, dims) * (int64_t)lb_dtype_size(dt);
  t->mem = mem;
  t->alias_of = -1;
  return p->ntensors++;
}

static lb_step_t *lb_pb_step(lb_pb_t *pb) {
  lb_plan_t *p = pb->plan;
  if (p->nsteps == pb->cap_steps) {
    int32_t cap = pb->cap_steps ? pb->cap_steps * 2 : 64;
    lb_step_t *s = realloc(p->steps, sizeof *s * (size_t)cap);
    if (!s) return NULL;
    p->steps = s;
    pb->cap_steps = cap;
  }
  lb_step_t *s = &p->steps[p->nsteps++];
  memset(s, 0, sizeof *s);
  for (int i = 0; i < LB_STEP_MAX_INPUTS; ++i) s->in[i] = -1;
  return s;
}

typedef struct {
  lb_dtype_t dt;
  int32_t rank;
  int64_t d[LB_MAX_RANK];
} lb_vshape_t;

static lb_status_t lb_pb_shape(MlirOperation op, MlirValue v, lb_vshape_t *s) {
  MlirType t = mlirValueGetType(v);
  if (!lb_type_get_shape(t, &s->rank, s->d) || !lb_type_to_dtype(mlirShapedTypeGetElementType(t), &s->dt))
    return PB_FAIL(op, LB_STATUS_UNIMPLEMENTED, "unsupported tensor type");
  for (int32_t i = 0; i < s->rank; ++i)
    if (s->d[i] == LB_DYN)
      return PB_FAIL(op, LB_STATUS_INVALID_ARGUMENT, "dynamic shape; specialize the batch size first");
  return LB_OK;
}

static int64_t lb_prod(const int64_t *d, int32_t from, int32_t to) {
  int64_t n = 1;
  for (int32_t i = from; i < to; ++i) n *= d[i];
  return n;
}

/* Constant operand -> new CONST tensor converted to dtype `want` (f32 or i32). */
static lb_status_t lb_pb_const_as(lb_pb_t *pb, MlirOperation op, intptr_t idx, lb_dtype_t want, int32_t *id,
                                  lb_tensor_t *keep) {
  lb_tensor_t t;
  lb_status_t st = lb_value_read_constant(mlirOperationGetOperand(op, idx), &t);
  if (st) {
    lb_status_free(st);
    return PB_FAIL(op, LB_STATUS_UNIMPLEMENTED, "operand #%d must be a constant", (int)idx);
  }
  int64_t n = lb_tensor_count(&t);
  int64_t dims[1] = {n};
  int32_t tid = lb_pb_tensor(pb, want, 1, dims, LB_MEM_CONST);
  void *data = malloc((size_t)(n ? n : 1) * lb_dtype_size(want));
  if (tid < 0 || !data) {
    free(data);
    lb_tensor_free(&t);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  for (int64_t i = 0; i < n; ++i) {
    double v = 0;
    switch (t.dtype) {
      case LB_DT_F32: v = ((float *)t.data)[i]; break;
      case LB_DT_I8: v = ((int8_t *)t.data)[i]; break;
      case LB_DT_U8: v = ((uint8_t *)t.data)[i]; break;
      case LB_DT_I32: v = ((int32_t *)t.data)[i]; break;
      case LB_DT_I64: v = (double)((int64_t *)t.data)[i]; break;
    }
    if (want == LB_DT_F32) ((float *)data)[i] = t.dtype == LB_DT_F32 ? ((float *)t.data)[i] : (float)v;
    else ((int32_t *)data)[i] = (int32_t)v;
  }
  pb->plan->tensors[tid].data = data;
  *id = tid;
  if (keep) *keep = t;
  else lb_tensor_free(&t);
  return LB_OK;
}

static lb_status_t lb_pb_input(lb_pb_t *pb, MlirOperation op, intptr_t idx, int32_t *id) {
  *id = lb_pb_lookup(pb, mlirOperationGetOperand(op, idx));
  if (*id < 0) return PB_FAIL(op, LB_STATUS_INTERNAL, "operand #%d is not defined before use", (int)idx);
  return LB_OK;
}

static void lb_qrange(lb_dtype_t dt, int32_t *lo, int32_t *hi) {
  *lo = dt == LB_DT_U8 ? 0 : -128;
  *hi = dt == LB_DT_U8 ? 255 : 127;
}

/* outer/n/inner of per-tensor or per-axis quantization. */
static void lb_qsplit(const lb_vshape_t *s, int64_t count, int64_t axis, lb_quant_params_t *q) {
  int64_t total = lb_prod(s->d, 0, s->rank);
  if (count == 1 || axis < 0) {
    q->outer = 1;
    q->n = 1;
    q->inner = total;
  } else {
    q->outer = lb_prod(s->d, 0, (int32_t)axis);
    q->n = s->d[axis];
    q->inner = lb_prod(s->d, (int32_t)axis + 1, s->rank);
  }
}

static lb_status_t lb_pb_scalar_zp(MlirOperation op, intptr_t idx, int32_t *out) {
  lb_tensor_t t;
  lb_status_t st = lb_value_read_constant(mlirOperationGetOperand(op, idx), &t);
  if (st) {
    lb_status_free(st);
    return PB_FAIL(op, LB_STATUS_UNIMPLEMENTED, "zero point (operand #%d) must be a constant", (int)idx);
  }
  int ok = lb_tensor_count(&t) == 1;
  if (ok) {
    switch (t.dtype) {
      case LB_DT_I8: *out = ((int8_t *)t.data)[0]; break;
      case LB_DT_U8: *out = ((uint8_t *)t.data)[0]; break;
      case LB_DT_I32: *out = ((int32_t *)t.data)[0]; break;
      default: ok = 0;
    }
  }
  lb_tensor_free(&t);
  return ok ? LB_OK : PB_FAIL(op, LB_STATUS_UNIMPLEMENTED, "zero point must be a single i8, ui8 or i32 value");
}

/* qmatmul/qconv2d: kernel inputs are operand 0, operand 1 and the optional
 * bias at operand 4 (zero points travel in the params). */
static lb_status_t lb_pb_int_inputs(lb_pb_t *pb, MlirOperation op, lb_step_t *s) {
  s->nin = 3;
  LB_RETURN_IF_ERROR(lb_pb_input(pb, op, 0, &s->in[0]));
  LB_RETURN_IF_ERROR(lb_pb_input(pb, op, 1, &s->in[1]));
  if (mlirOperationGetNumOperands(op) > 4) LB_RETURN_IF_ERROR(lb_pb_input(pb, op, 4, &s->in[2]));
  return LB_OK;
}

static void lb_matmul_params(const lb_vshape_t *a, const lb_vshape_t *b, const lb_vshape_t *y, lb_matmul_params_t *m) {
  m->M = a->d[a->rank - 2];
  m->K = a->d[a->rank - 1];
  m->N = b->d[b->rank - 1];
  m->batch_rank = y->rank - 2;
  for (int32_t i = 0; i < m->batch_rank; ++i) {
    m->batch_dims[i] = y->d[i];
    int32_t ia = i - (y->rank - a->rank), ib = i - (y->rank - b->rank);
    m->a_bstride[i] = (ia >= 0 && a->d[ia] != 1) ? lb_prod(a->d, ia + 1, a->rank) : 0;
    m->b_bstride[i] = (ib >= 0 && b->d[ib] != 1) ? lb_prod(b->d, ib + 1, b->rank) : 0;
  }
}

static void lb_conv_params(const lb_vshape_t *x, const lb_vshape_t *w, const lb_vshape_t *y,
                           const lb_window_attrs_t *wa, lb_conv2d_params_t *c) {
  c->N = x->d[0];
  c->C = x->d[1];
  c->H = x->d[2];
  c->W = x->d[3];
  c->OC = w->d[0];
  c->KH = w->d[2];
  c->KW = w->d[3];
  c->OH = y->d[2];
  c->OW = y->d[3];
  c->stride_h = wa->strides[0];
  c->stride_w = wa->strides[1];
  c->pad_t = wa->pads[0];
  c->pad_l = wa->pads[1];
  c->dil_h = wa->dilations[0];
  c->dil_w = wa->dilations[1];
  c->group = wa->group;
}

/* Element strides of `s` aligned to an output of rank r; 0 on broadcast dims. */
static void lb_bcast_strides(const lb_vshape_t *s, int32_t r, int64_t *strides) {
  for (int32_t i = 0; i < r; ++i) {
    int32_t j = i - (r - s->rank);
    strides[i] = (j >= 0 && s->d[j] != 1) ? lb_prod(s->d, j + 1, s->rank) : 0;
  }
}

static lb_status_t lb_pb_op(lb_pb_t *pb, MlirOperation op, int32_t op_index) {
  lb_op_kind_t k = lb_op_get_kind(op);
  MlirValue res = mlirOperationGetResult(op, 0);
  lb_vshape_t y;
  LB_RETURN_IF_ERROR(lb_pb_shape(op, res, &y));
  if (k == LB_OP_CONSTANT) {
    lb_tensor_t t;
    lb_status_t st = lb_constant_read(op, &t);
    if (st) return lb_pb_located(op, st);
    int32_t id = lb_pb_tensor(pb, t.dtype, t.rank, t.dims, LB_MEM_CONST);
    if (id < 0) {
      lb_tensor_free(&t);
      return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    }
    pb->plan->tensors[id].data = t.data; /* ownership moves to the plan */
    return lb_pb_bind(pb, res, id);
  }
  if (k == LB_OP_RESHAPE || k == LB_OP_FLATTEN) {
    int32_t src;
    LB_RETURN_IF_ERROR(lb_pb_input(pb, op, 0, &src));
    int32_t id = lb_pb_tensor(pb, y.dt, y.rank, y.d, pb->plan->tensors[src].mem);
    if (id < 0) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    pb->plan->tensors[id].alias_of = src;
    return lb_pb_bind(pb, res, id);
  }
  int32_t out = lb_pb_tensor(pb, y.dt, y.rank, y.d, LB_MEM_SCRATCH);
  lb_step_t *s = lb_pb_step(pb);
  if (out < 0 || !s) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  s->out = out;
  s->op_index = op_index;
  LB_RETURN_IF_ERROR(lb_pb_bind(pb, res, out));
  intptr_t nops = mlirOperationGetNumOperands(op);
  lb_vshape_t a, b;
  if (nops > 0) LB_RETURN_IF_ERROR(lb_pb_shape(op, mlirOperationGetOperand(op, 0), &a));
  if (nops > 1) LB_RETURN_IF_ERROR(lb_pb_shape(op, mlirOperationGetOperand(op, 1), &b));
  /* by default every operand is a kernel input in order */
  s->nin = (int32_t)nops;
  switch (k) {
    case LB_OP_GEMM: {
      lb_gemm_params_t *g = &s->p.gemm;
      s->kind = LB_STEP_GEMM_F32;
      g->trans_a = (int32_t)lb_op_get_int(op, LB_ATTR_TRANS_A, 0);
      g->trans_b = (int32_t)lb_op_get_int(op, LB_ATTR_TRANS_B, 0);
      g->alpha = (float)lb_op_get_float(op, LB_ATTR_ALPHA, 1.0);
      g->beta = (float)lb_op_get_float(op, LB_ATTR_BETA, 1.0);
      g->M = y.d[0];
      g->N = y.d[1];
      g->K = g->trans_a ? a.d[0] : a.d[1];
      s->nin = 3;
      if (nops > 2) {
        lb_vshape_t c;
        LB_RETURN_IF_ERROR(lb_pb_shape(op, mlirOperationGetOperand(op, 2), &c));
        int64_t cn = lb_prod(c.d, 0, c.rank);
        if (cn == 1) g->c_mode = 1;
        else if (cn == g->M * g->N && (c.rank == 2 && c.d[0] == g->M)) g->c_mode = 4;
        else if (c.d[c.rank - 1] == g->N && cn == g->N) g->c_mode = 2;
        else g->c_mode = 3;
      }
      break;
    }
    case LB_OP_MATMUL:
    case LB_OP_QMATMUL:
      if (y.rank - 2 > LB_MAX_BATCH_RANK) return PB_FAIL(op, LB_STATUS_UNIMPLEMENTED, "too many batch dims");
      lb_matmul_params(&a, &b, &y, &s->p.matmul);
      if (k == LB_OP_MATMUL) {
        s->kind = LB_STEP_MATMUL_F32;
      } else {
        s->kind = LB_STEP_QMATMUL_I8;
        LB_RETURN_IF_ERROR(lb_pb_scalar_zp(op, 2, &s->p.matmul.a_zp));
        LB_RETURN_IF_ERROR(lb_pb_scalar_zp(op, 3, &s->p.matmul.b_zp));
        s->p.matmul.has_bias = nops > 4;
        return lb_pb_int_inputs(pb, op, s);
      }
      break;
    case LB_OP_CONV2D:
    case LB_OP_QCONV2D: {
      lb_window_attrs_t wa;
      lb_status_t st = lb_window_attrs_get(op, &wa);
      if (st) return lb_pb_located(op, st);
      lb_conv_params(&a, &b, &y, &wa, &s->p.conv);
      if (k == LB_OP_CONV2D) {
        s->kind = LB_STEP_CONV2D_F32;
        s->p.conv.has_bias = nops > 2;
        s->nin = 3;
      } else {
        s->kind = LB_STEP_QCONV2D_I8;
        LB_RETURN_IF_ERROR(lb_pb_scalar_zp(op, 2, &s->p.conv.x_zp));
        LB_RETURN_IF_ERROR(lb_pb_scalar_zp(op, 3, &s->p.conv.w_zp));
        s->p.conv.has_bias = nops > 4;
        return lb_pb_int_inputs(pb, op, s);
      }
      break;
    }
    case LB_OP_ADD:
    case LB_OP_SUB:
    case LB_OP_MUL:
    case LB_OP_DIV: {
      lb_binary_params_t *bp = &s->p.binary;
      s->kind = LB_STEP_BINARY_F32;
      bp->op = k == LB_OP_ADD ? LB_BIN_ADD : k == LB_OP_SUB ? LB_BIN_SUB : k == LB_OP_MUL ? LB_BIN_MUL : LB_BIN_DIV;
      bp->rank = y.rank;
      memcpy(bp->dims, y.d, sizeof(int64_t) * (size_t)y.rank);
      lb_bcast_strides(&a, y.rank, bp->a_strides);
      lb_bcast_strides(&b, y.rank, bp->b_strides);
      if (y.rank == 0) { /* scalar: one element */
        bp->rank = 1;
        bp->dims[0] = 1;
        bp->a_strides[0] = bp->b_strides[0] = 0;
      }
      break;
    }
    case LB_OP_RELU:
      s->kind = LB_STEP_RELU_F32;
      s->p.unary.count = lb_prod(y.d, 0, y.rank);
      break;
    case LB_OP_CLIP:
      s->kind = LB_STEP_CLIP_F32;
      s->p.unary.count = lb_prod(y.d, 0, y.rank);
      s->p.unary.fmin = (float)lb_op_get_float(op, LB_ATTR_MIN, -3.4e38);
      s->p.unary.fmax = (float)lb_op_get_float(op, LB_ATTR_MAX, 3.4e38);
      break;
    case LB_OP_CLAMP:
      s->kind = y.dt == LB_DT_U8 ? LB_STEP_CLAMP_U8 : LB_STEP_CLAMP_I8;
      s->p.unary.count = lb_prod(y.d, 0, y.rank);
      s->p.unary.imin = (int32_t)lb_op_get_int(op, LB_ATTR_MIN, -128);
      s->p.unary.imax = (int32_t)lb_op_get_int(op, LB_ATTR_MAX, 127);
      break;
    case LB_OP_MAX_POOL:
    case LB_OP_AVG_POOL: {
      lb_window_attrs_t wa;
      lb_status_t st = lb_window_attrs_get(op, &wa);
      if (st) return lb_pb_located(op, st);
      lb_pool2d_params_t *pp = &s->p.pool;
      pp->N = a.d[0];
      pp->C = a.d[1];
      pp->H = a.d[2];
      pp->W = a.d[3];
      pp->OH = y.d[2];
      pp->OW = y.d[3];
      pp->KH = wa.kernel[0];
      pp->KW = wa.kernel[1];
      pp->stride_h = wa.strides[0];
      pp->stride_w = wa.strides[1];
      pp->pad_t = wa.pads[0];
      pp->pad_l = wa.pads[1];
      pp->pad_b = wa.pads[2];
      pp->pad_r = wa.pads[3];
      pp->dil_h = wa.dilations[0];
      pp->dil_w = wa.dilations[1];
      pp->count_include_pad = (int32_t)wa.count_include_pad;
      if (k == LB_OP_AVG_POOL) s->kind = LB_STEP_AVGPOOL_F32;
      else s->kind = y.dt == LB_DT_F32 ? LB_STEP_MAXPOOL_F32 : y.dt == LB_DT_I8 ? LB_STEP_MAXPOOL_I8 : LB_STEP_MAXPOOL_U8;
      if (k == LB_OP_MAX_POOL && y.dt != LB_DT_F32 && y.dt != LB_DT_I8 && y.dt != LB_DT_U8)
        return PB_FAIL(op, LB_STATUS_UNIMPLEMENTED, "max pooling of %s tensors", lb_dtype_name(y.dt));
      break;
    }
    case LB_OP_GLOBAL_AVG_POOL:
      s->kind = LB_STEP_GAP_F32;
      s->p.gap.NC = a.d[0] * a.d[1];
      s->p.gap.HW = lb_prod(a.d, 2, a.rank);
      break;
    case LB_OP_TRANSPOSE: {
      int64_t perm[LB_MAX_RANK];
      int n = lb_op_get_ints(op, LB_ATTR_PERM, perm, LB_MAX_RANK);
      s->kind = LB_STEP_TRANSPOSE;
      s->p.transpose.rank = a.rank;
      s->p.transpose.elem_size = (int32_t)lb_dtype_size(a.dt);
      for (int i = 0; i < n; ++i) {
        s->p.transpose.in_dims[i] = a.d[i];
        s->p.transpose.perm[i] = (int32_t)perm[i];
      }
      break;
    }
    case LB_OP_SOFTMAX: {
      int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, -1);
      if (axis < 0) axis += a.rank;
      s->kind = LB_STEP_SOFTMAX_F32;
      s->p.softmax.outer = lb_prod(a.d, 0, (int32_t)axis);
      s->p.softmax.n = a.d[axis];
      s->p.softmax.inner = lb_prod(a.d, (int32_t)axis + 1, a.rank);
      break;
    }
    case LB_OP_BATCHNORM:
      s->kind = LB_STEP_BATCHNORM_F32;
      s->p.bn.N = a.d[0];
      s->p.bn.C = a.rank > 1 ? a.d[1] : 1;
      s->p.bn.HW = lb_prod(a.d, 2, a.rank);
      s->p.bn.eps = (float)lb_op_get_float(op, LB_ATTR_EPSILON, 1e-5);
      break;
    case LB_OP_QUANTIZE:
    case LB_OP_DEQUANTIZE: {
      lb_dtype_t idt = a.dt;
      lb_quant_params_t *q = &s->p.quant;
      s->nin = 3;
      LB_RETURN_IF_ERROR(lb_pb_input(pb, op, 0, &s->in[0]));
      lb_tensor_t sc;
      LB_RETURN_IF_ERROR(lb_pb_const_as(pb, op, 1, LB_DT_F32, &s->in[1], &sc));
      int64_t count = lb_tensor_count(&sc);
      lb_tensor_free(&sc);
      LB_RETURN_IF_ERROR(lb_pb_const_as(pb, op, 2, LB_DT_I32, &s->in[2], NULL));
      lb_qsplit(&a, count, lb_op_get_int(op, LB_ATTR_AXIS, -1), q);
      if (k == LB_OP_QUANTIZE) {
        if (y.dt != LB_DT_I8 && y.dt != LB_DT_U8)
          return PB_FAIL(op, LB_STATUS_UNIMPLEMENTED, "quantize to %s", lb_dtype_name(y.dt));
        s->kind = y.dt == LB_DT_I8 ? LB_STEP_QUANTIZE_F32_I8 : LB_STEP_QUANTIZE_F32_U8;
        lb_qrange(y.dt, &q->qmin, &q->qmax);
      } else {
        s->kind = idt == LB_DT_I8 ? LB_STEP_DEQUANTIZE_I8_F32
                  : idt == LB_DT_U8 ? LB_STEP_DEQUANTIZE_U8_F32
                                    : LB_STEP_DEQUANTIZE_I32_F32;
      }
      return LB_OK;
    }
    case LB_OP_REQUANTIZE: {
      lb_quant_params_t *q = &s->p.quant;
      s->kind = y.dt == LB_DT_I8 ? LB_STEP_REQUANTIZE_I32_I8 : LB_STEP_REQUANTIZE_I32_U8;
      s->nin = 3;
      LB_RETURN_IF_ERROR(lb_pb_input(pb, op, 0, &s->in[0]));
      lb_tensor_t mt;
      LB_RETURN_IF_ERROR(lb_pb_const_as(pb, op, 1, LB_DT_I32, &s->in[1], &mt));
      int64_t count = lb_tensor_count(&mt);
      lb_tensor_free(&mt);
      LB_RETURN_IF_ERROR(lb_pb_const_as(pb, op, 2, LB_DT_I32, &s->in[2], NULL));
      LB_RETURN_IF_ERROR(lb_pb_scalar_zp(op, 3, &q->out_zp));
      lb_qsplit(&a, count, lb_op_get_int(op, LB_ATTR_AXIS, -1), q);
      lb_qrange(y.dt, &q->qmin, &q->qmax);
      return LB_OK;
    }
    default: return PB_FAIL(op, LB_STATUS_UNIMPLEMENTED, "no kernel for this op");
  }
  for (intptr_t i = 0; i < nops && i < LB_STEP_MAX_INPUTS; ++i) LB_RETURN_IF_ERROR(lb_pb_input(pb, op, i, &s->in[i]));
  return LB_OK;
}

static int32_t lb_root(const lb_plan_t *p, int32_t id) {
  while (p->tensors[id].alias_of >= 0) id = p->tensors[id].alias_of;
  return id;
}

/* Greedy liveness-based placement of scratch tensors (largest first). */
static lb_status_t lb_plan_memory(lb_plan_t *p) {
  int32_t n = p->ntensors;
  int32_t *first = malloc(sizeof(int32_t) * (size_t)(n ? n : 1));
  int32_t *last = malloc(sizeof(int32_t) * (size_t)(n ? n : 1));
  int32_t *order = malloc(sizeof(int32_t) * (size_t)(n ? n : 1));
  int32_t *placed = malloc(sizeof(int32_t) * (size_t)(n ? n : 1));
  lb_status_t st = LB_OK;
  if (!first || !last || !order || !placed) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto done;
  }
  for (int32_t i = 0; i < n; ++i) first[i] = last[i] = -1;
  for (int32_t s = 0; s < p->nsteps; ++s) {
    int32_t o = lb_root(p, p->steps[s].out);
    if (first[o] < 0) first[o] = s;
    if (last[o] < s) last[o] = s;
    for (int32_t i = 0; i < p->steps[s].nin; ++i) {
      if (p->steps[s].in[i] < 0) continue;
      int32_t r = lb_root(p, p->steps[s].in[i]);
      if (last[r] < s) last[r] = s;
    }
  }
  int32_t m = 0;
  for (int32_t i = 0; i < n; ++i)
    if (p->tensors[i].mem == LB_MEM_SCRATCH && p->tensors[i].alias_of < 0 && first[i] >= 0) order[m++] = i;
  /* sort by size descending (insertion sort: m is small) */
  for (int32_t i = 1; i < m; ++i) {
    int32_t v = order[i], j = i - 1;
    while (j >= 0 && p->tensors[order[j]].nbytes < p->tensors[v].nbytes) {
      order[j + 1] = order[j];
      --j;
    }
    order[j + 1] = v;
  }
  int32_t np = 0;
  int64_t total = 0;
  for (int32_t i = 0; i < m; ++i) {
    int32_t t = order[i];
    int64_t size = (p->tensors[t].nbytes + 15) / 16 * 16;
    int64_t off = 0;
    /* first offset that does not collide with a placed, time-overlapping tensor */
    for (int moved = 1; moved;) {
      moved = 0;
      for (int32_t j = 0; j < np; ++j) {
        int32_t u = placed[j];
        if (last[u] < first[t] || last[t] < first[u]) continue;
        int64_t us = (p->tensors[u].nbytes + 15) / 16 * 16;
        if (off < p->tensors[u].offset + us && p->tensors[u].offset < off + size) {
          off = p->tensors[u].offset + us;
          moved = 1;
        }
      }
    }
    p->tensors[t].offset = off;
    placed[np++] = t;
    if (off + size > total) total = off + size;
  }
  p->scratch_size = total;
done:
  free(first);
  free(last);
  free(order);
  free(placed);
  return st;
}

static char *lb_names_get(MlirOperation func, const char *attr, intptr_t i, const char *prefix) {
  MlirAttribute a = mlirOperationGetAttributeByName(func, mlirStringRefCreateFromCString(attr));
  char buf[64];
  if (!mlirAttributeIsNull(a) && mlirAttributeIsAArray(a) && i < mlirArrayAttrGetNumElements(a)) {
    MlirAttribute s = mlirArrayAttrGetElement(a, i);
    if (mlirAttributeIsAString(s)) {
      MlirStringRef r = mlirStringAttrGetValue(s);
      char *out = malloc(r.length + 1);
      if (out) {
        memcpy(out, r.data, r.length);
        out[r.length] = 0;
      }
      return out;
    }
  }
  snprintf(buf, sizeof buf, "%s%d", prefix, (int)i);
  return strdup(buf);
}

lb_status_t lb_plan_build(MlirModule module, lb_plan_t *plan) {
  memset(plan, 0, sizeof *plan);
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "module has no func.func");
  lb_pb_t pb;
  memset(&pb, 0, sizeof pb);
  pb.plan = plan;
  lb_status_t st = LB_OK;
  MlirBlock body = lb_func_get_body(func);
  intptr_t nin = mlirBlockGetNumArguments(body);
  MlirOperation ret = lb_func_get_return(func);
  intptr_t nout = mlirOperationGetNumOperands(ret);
  plan->ninputs = (int32_t)nin;
  plan->noutputs = (int32_t)nout;
  plan->input_ids = calloc((size_t)nin + 1, sizeof(int32_t));
  plan->output_ids = calloc((size_t)nout + 1, sizeof(int32_t));
  plan->input_names = calloc((size_t)nin + 1, sizeof(char *));
  plan->output_names = calloc((size_t)nout + 1, sizeof(char *));
  if (!plan->input_ids || !plan->output_ids || !plan->input_names || !plan->output_names) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto fail;
  }
  for (intptr_t i = 0; i < nin; ++i) {
    MlirValue arg = mlirBlockGetArgument(body, i);
    lb_vshape_t s;
    if ((st = lb_pb_shape(func, arg, &s))) goto fail;
    int32_t id = lb_pb_tensor(&pb, s.dt, s.rank, s.d, LB_MEM_INPUT);
    if (id < 0) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      goto fail;
    }
    plan->tensors[id].index = (int32_t)i;
    plan->input_ids[i] = id;
    plan->input_names[i] = lb_names_get(func, LB_ATTR_INPUT_NAMES, i, "input");
    if ((st = lb_pb_bind(&pb, arg, id))) goto fail;
  }
  int32_t op_index = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op), ++op_index) {
    if (mlirOperationEqual(op, ret)) break;
    if (lb_op_get_kind(op) == LB_OP_UNKNOWN) {
      char loc[512];
      lb_location_format(mlirOperationGetLocation(op), loc, sizeof loc);
      MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
      st = LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: op '%.*s' is not an lb op", loc, (int)n.length, n.data);
      goto fail;
    }
    if ((st = lb_pb_op(&pb, op, op_index))) goto fail;
  }
  for (intptr_t i = 0; i < nout; ++i) {
    int32_t id = lb_pb_lookup(&pb, mlirOperationGetOperand(ret, i));
    plan->output_names[i] = lb_names_get(func, LB_ATTR_OUTPUT_NAMES, i, "output");
    int32_t root = id >= 0 ? lb_root(plan, id) : -1;
    if (root >= 0 && plan->tensors[root].mem == LB_MEM_SCRATCH) {
      /* the producer writes straight into the caller's buffer */
      plan->tensors[root].mem = LB_MEM_OUTPUT;
      plan->tensors[root].index = (int32_t)i;
      plan->output_ids[i] = id;
      continue;
    }
    if (id < 0) {
      st = LB_ERROR(LB_STATUS_INTERNAL, "graph output %d is undefined", (int)i);
      goto fail;
    }
    /* input, constant or an output returned twice: copy into the buffer */
    lb_plan_tensor_t src = plan->tensors[id];
    int32_t out = lb_pb_tensor(&pb, src.dtype, src.rank, src.dims, LB_MEM_OUTPUT);
    lb_step_t *s = lb_pb_step(&pb);
    if (out < 0 || !s) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      goto fail;
    }
    plan->tensors[out].index = (int32_t)i;
    s->kind = LB_STEP_COPY;
    s->p.copy_bytes = src.nbytes;
    s->nin = 1;
    s->in[0] = id;
    s->out = out;
    s->op_index = op_index;
    plan->output_ids[i] = out;
  }
  if ((st = lb_plan_memory(plan))) goto fail;
  free(pb.keys);
  free(pb.ids);
  return LB_OK;
fail:
  free(pb.keys);
  free(pb.ids);
  lb_plan_free(plan);
  return st;
}
