// Jest config for the test aws provider's own tests only:
//   npx jest -c test/provider/jest.config.js
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testMatch: ["<rootDir>/*.test.ts"],
  testEnvironment: "node",
  testTimeout: 60000,
  transform: {
    "^.+\\.ts$": [
      "ts-jest",
      {
        tsconfig: {
          target: "ES2022",
          module: "commonjs",
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
          types: ["node", "jest"],
        },
      },
    ],
  },
};
