from psr_assist.cli import main

raise SystemExit(main())
