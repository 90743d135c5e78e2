// SPDX-License-Identifier: GPL-2.0
/*
 * Selftests of the module's life cycle: it loads, publishes its debugfs
 * directory and version, unloads without a trace, and does so repeatedly.
 */
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "kmemlab_test.h"

FIXTURE(module) {
	char buf[4096];
};

FIXTURE_SETUP(module)
{
	if (kt_loaded())
		ASSERT_EQ(0, kt_unload());
}

FIXTURE_TEARDOWN(module)
{
	if (kt_loaded())
		kt_unload();
}

TEST_F(module, loads_and_creates_debugfs_dir)
{
	struct stat st;

	ASSERT_EQ(0, kt_load(""));
	ASSERT_TRUE(kt_loaded());
	ASSERT_EQ(0, stat(KMEMLAB_DIR, &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	ASSERT_EQ(0, stat(KMEMLAB_DIR "/version", &st));
	EXPECT_EQ(0400U, st.st_mode & 0777U);
}

TEST_F(module, version_reads)
{
	ssize_t n;

	ASSERT_EQ(0, kt_load(""));
	n = kt_read(KMEMLAB_DIR "/version", self->buf, sizeof(self->buf));
	ASSERT_GT(n, 0);
	/* "0.1.0 (<git describe>)\n": a version, a describe, one line. */
	EXPECT_EQ(0, strncmp(self->buf, "0.", 2)) TH_LOG("version: %s", self->buf);
	EXPECT_NE(NULL, strchr(self->buf, '('));
	EXPECT_EQ(self->buf + n - 1, strchr(self->buf, '\n'));
}

TEST_F(module, unload_removes_everything)
{
	struct stat st;

	ASSERT_EQ(0, kt_load(""));
	ASSERT_EQ(0, kt_unload());
	EXPECT_FALSE(kt_loaded());
	EXPECT_NE(0, stat(KMEMLAB_DIR, &st));
	EXPECT_EQ(ENOENT, errno);
}

TEST_F(module, double_load_is_refused)
{
	ASSERT_EQ(0, kt_load(""));
	EXPECT_EQ(-EEXIST, kt_load(""));
}

TEST_F(module, load_unload_20_times)
{
	int i;

	for (i = 0; i < 20; i++) {
		ASSERT_EQ(0, kt_load("")) TH_LOG("load %d", i);
		ASSERT_GT(kt_read(KMEMLAB_DIR "/version", self->buf,
				  sizeof(self->buf)), 0);
		ASSERT_EQ(0, kt_unload()) TH_LOG("unload %d", i);
	}
	EXPECT_FALSE(kt_loaded());
}

TEST_HARNESS_MAIN
