from reviewwatch.cli import main

if __name__ == "__main__":  # a spawned triage worker (parallel.py) imports this; it must not run
    main()
