/*
 * seal_random.cc - the one C++ file of the program: a source of random
 * bytes for qpdf that asks seal.c for them, so that a reproducible
 * encrypted PDF (seal.c says how its bytes are made) is the same bytes at
 * each run.  qpdf's C API has no way to change where its random bytes
 * come from; its C++ API has, QUtil::setRandomDataProvider, given an
 * object of a class derived from RandomDataProvider, which takes C++.
 *
 * libqpdf is loaded by seal.c (dlopen), not linked: the setter comes from
 * there (dlsym, by its C++ name).  RandomDataProvider is all in its
 * header, so nothing else of qpdf's is needed here.
 */
#include <cstdlib>

#include <qpdf/RandomDataProvider.hh>

#include "seal_random.h"

namespace {

/*
 * What qpdf asks for, asked of seal.c's function; asked after
 * seal_random_end (qpdf's own source not given back), it stops the
 * program rather than give bytes that are not random.
 */
class SealRandom final : public RandomDataProvider {
public:
	void
	provideRandomData(unsigned char *data, size_t len) override
	{
		if (fill == nullptr)
			std::abort();
		fill(ctx, data, len);
	}

	seal_fill_fn	 fill = nullptr;
	void		*ctx = nullptr;
};

/* One: it is used with qpdf's lock held (seal.c). */
SealRandom	provider;

typedef void	(*set_fn)(RandomDataProvider *);

} // namespace

void
seal_random_use(void *set, seal_fill_fn fill, void *ctx)
{
	provider.fill = fill;
	provider.ctx = ctx;
	reinterpret_cast<set_fn>(set)(&provider);
}

void
seal_random_end(void *set)
{
	reinterpret_cast<set_fn>(set)(nullptr);	/* null: qpdf's own again */
	provider.fill = nullptr;
	provider.ctx = nullptr;
}
