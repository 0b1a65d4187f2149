"""Visual comparison of key pages against approved pictures (`--visual`, `./qa approve`)."""
