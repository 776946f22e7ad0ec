from mh_planner.cli import main

raise SystemExit(main())
