from kxtui.cli import main

raise SystemExit(main())
